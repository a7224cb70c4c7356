/**
 * ZeroMQ CURVE keys derived from a plugin's secret, so that a host holding the
 * secret (the spawning host, or a `--connect` host given it) can connect and no
 * one else can: the plugin's ROUTER is a CURVE server whose key pair comes from
 * HMAC-SHA256(secret, "plugbench curve server"); a DEALER needs the server's
 * public key (never sent on the wire by CURVE) to complete the handshake, and the
 * plugin's ZAP handler also admits only the client key derived from the secret.
 * The Python plugin derives the same keys (plugbench_plugin.py).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { deriveKey } from './plugin-secret.js';

export interface CurveKeys {
  serverPublic: string;
  serverSecret: string;
  clientPublic: string;
  clientSecret: string;
}

export const CURVE_SERVER_LABEL = 'plugbench curve server';
export const CURVE_CLIENT_LABEL = 'plugbench curve client';

/** Both key pairs, Z85-encoded as ZeroMQ's socket options take them. */
export function curveKeys(secret: string): CurveKeys {
  const server = keyPair(deriveKey(secret, CURVE_SERVER_LABEL));
  const client = keyPair(deriveKey(secret, CURVE_CLIENT_LABEL));
  return { serverPublic: server.public, serverSecret: server.secret, clientPublic: client.public, clientSecret: client.secret };
}

/** An X25519 key pair from 32 secret bytes (what crypto_scalarmult_base gives, clamping included). */
function keyPair(secretBytes: Buffer): { public: string; secret: string } {
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: secretBytes.toString('base64url'), x: '' }, format: 'jwk' });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  return { public: z85(Buffer.from(x, 'base64url')), secret: z85(secretBytes) };
}

const Z85 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

/** ZeroMQ's Z85 (RFC 32) of bytes whose length is a multiple of 4. */
export function z85(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let value = bytes.readUInt32BE(i);
    let chunk = '';
    for (let digit = 0; digit < 5; digit++) {
      chunk = Z85[value % 85]! + chunk;
      value = Math.floor(value / 85);
    }
    text += chunk;
  }
  return text;
}
