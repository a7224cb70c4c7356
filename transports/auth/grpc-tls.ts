/**
 * mTLS for the gRPC targets (tcp-rpc, tcp-rpc-python), after go-plugin's
 * AutoMTLS: for each plugin start the host makes two throwaway self-signed
 * certificates in memory (node:crypto, transports/go-plugin/auto-mtls.ts), one
 * for the plugin's server and one for itself. The plugin gets its certificate and
 * key and the host's certificate in PLUGIN_TLS_ENV and admits only a client that
 * presents that certificate; the host trusts only the plugin's. Nothing is written
 * to disk, and the host's private key never leaves the host.
 */
import * as grpc from '@grpc/grpc-js';
import { generateCertificate, type Certificate } from '../go-plugin/auto-mtls.js';

/** JSON `{cert, key, clientCert}` (PEM): the plugin's certificate and key, and the one client certificate it trusts. */
export const PLUGIN_TLS_ENV = 'PLUGBENCH_PLUGIN_TLS';

export interface TlsPair {
  server: Certificate;
  client: Certificate;
}

/** Both certificates are made for the name "localhost"; the host dials 127.0.0.1, so it names the server explicitly. */
export const TLS_CHANNEL_OPTIONS: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };

/** A start's certificates and the environment that hands the plugin its part. */
export function makeTlsPair(): { secret: TlsPair; env: Record<string, string> } {
  const secret = { server: generateCertificate(), client: generateCertificate() };
  const env = { [PLUGIN_TLS_ENV]: JSON.stringify({ cert: secret.server.certPem, key: secret.server.keyPem, clientCert: secret.client.certPem }) };
  return { secret, env };
}

/** The host's side: trust only the plugin's certificate, present our own. */
export function hostCredentials(pair: TlsPair): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(Buffer.from(pair.server.certPem), Buffer.from(pair.client.keyPem), Buffer.from(pair.client.certPem));
}

/**
 * The plugin's side (Node runner): its certificate, and the host's as the only
 * client admitted; the variable is taken out of `process.env`. Exits 64 with one
 * line when it is missing, like a plugin without its cookie.
 */
export function takePluginServerCredentials(): grpc.ServerCredentials {
  const text = process.env[PLUGIN_TLS_ENV];
  delete process.env[PLUGIN_TLS_ENV];
  try {
    const { cert, key, clientCert } = JSON.parse(text ?? '') as Record<string, string>;
    return grpc.ServerCredentials.createSsl(Buffer.from(clientCert!), [{ private_key: Buffer.from(key!), cert_chain: Buffer.from(cert!) }], true);
  } catch {
    process.stderr.write(`${PLUGIN_TLS_ENV} is not set to the host's TLS material: this plugin serves only its host over mTLS (docs/security.md)\n`);
    process.exit(64);
  }
}
