/**
 * go-plugin's protocol as plugbench speaks it from Node, host or plugin side:
 * the shared handshake (the same handshake.json the Go plugin embeds), the
 * environment a go-plugin host gives its plugin, the handshake line
 * `CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT`, and the services (the Reverter and
 * Host of reverter.proto, go-plugin's GRPCBroker and GRPCController, and the
 * health service under the name "plugin").
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { PluginError } from '../../src/core/errors.js';
import { packagePath } from '../../src/core/runtime-paths.js';
import { CHANNEL_OPTIONS as GRPC_CHANNEL_OPTIONS, loadProtoFile } from '../grpc/revert-proto.js';
import type { Handshake } from '../process/handshake.js';

const PROTO_DIR = ['sample-plugins', 'go', 'src', 'plugbench', 'shared'] as const;

export interface GoPluginHandshakeConfig {
  protocolVersion: number;
  magicCookieKey: string;
  magicCookieValue: string;
  pluginName: string;
}

let config: GoPluginHandshakeConfig | undefined;

/** The handshake host and plugin share (sample-plugins/go/src/plugbench/shared/handshake.json). */
export function handshakeConfig(): GoPluginHandshakeConfig {
  return (config ??= JSON.parse(readFileSync(packagePath(...PROTO_DIR, 'handshake.json'), 'utf8')) as GoPluginHandshakeConfig);
}

/** go-plugin's core protocol version: the first handshake field. */
export const CORE_PROTOCOL_VERSION = 1;
/** The name go-plugin's Ping asks the health service about. */
export const HEALTH_SERVICE = 'plugin';

/** go-plugin's handshake line, as its client reads it; `serverCert` is the AutoMTLS certificate (DER, base64). */
export interface GoPluginHandshake extends Handshake {
  serverCert?: string;
}

/** Parses the plugin's line as go-plugin's client does: at least 4 fields, the 5th defaulting to netrpc. */
export function parseGoPluginHandshake(line: string, offered: readonly number[]): GoPluginHandshake {
  const fail = (why: string) => new PluginError('START_FAILED', `bad go-plugin handshake: ${why} (line: ${JSON.stringify(line.slice(0, 200))})`);
  const [core, app, network, address, protocol = 'netrpc', cert] = line.trim().split('|');
  if (address === undefined) throw fail('expected CORE|APP|NETWORK|ADDRESS[|PROTOCOL[|CERT]]');
  if (Number(core) !== CORE_PROTOCOL_VERSION) throw fail(`core protocol version ${core} is not ${CORE_PROTOCOL_VERSION}; rebuild the plugin against go-plugin 1.x`);
  const appVersion = Number(app);
  if (!offered.includes(appVersion)) throw fail(`plugin protocol version ${app} is not one the host offered (${offered.join(',')})`);
  if (network !== 'unix' && network !== 'tcp') throw fail(`unknown network "${network}" (go-plugin uses unix or tcp)`);
  if (protocol !== 'grpc') throw fail(`plugin speaks "${protocol}"; this host speaks only go-plugin's gRPC protocol`);
  return { coreVersion: CORE_PROTOCOL_VERSION, appVersion, network, address, protocol, ...(cert && cert.length > 50 ? { serverCert: cert } : {}) };
}

/** What a go-plugin host puts in its plugin's environment. */
export function goPluginEnv(offered: readonly number[]): Record<string, string> {
  const { magicCookieKey, magicCookieValue } = handshakeConfig();
  return {
    [magicCookieKey]: magicCookieValue,
    PLUGIN_PROTOCOL_VERSIONS: offered.join(','),
    // go-plugin's TCP listener (used where there are no Unix sockets) tries each port from MIN to MAX; 0..0 is any free port.
    PLUGIN_MIN_PORT: '0',
    PLUGIN_MAX_PORT: '0',
  };
}

/** The grpc-js target for a handshake's address. */
export function grpcTarget(handshake: Pick<Handshake, 'network' | 'address'>): string {
  return handshake.network === 'unix' ? `unix:${handshake.address}` : handshake.address;
}

/** No message size limit (go-plugin sets math.MaxInt32): payloads of several MiB cross. */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  ...GRPC_CHANNEL_OPTIONS,
  // AutoMTLS certificates name localhost, whatever the address.
  'grpc.ssl_target_name_override': 'localhost',
  'grpc.default_authority': 'localhost',
};

export interface GoPluginServices {
  Reverter: grpc.ServiceClientConstructor;
  Host: grpc.ServiceClientConstructor;
  GRPCBroker: grpc.ServiceClientConstructor;
  GRPCController: grpc.ServiceClientConstructor;
  Health: grpc.ServiceClientConstructor;
}

let services: GoPluginServices | undefined;

export function loadServices(): GoPluginServices {
  if (services) return services;
  const reverter = loadProtoFile(packagePath(...PROTO_DIR, 'proto', 'reverter.proto')).plugbench.goplugin.v1;
  const internal = loadProtoFile(packagePath(...PROTO_DIR, 'proto', 'go-plugin-internal.proto')).plugin;
  const health = loadProtoFile(healthProtoPath).grpc.health.v1;
  services = { Reverter: reverter.Reverter, Host: reverter.Host, GRPCBroker: internal.GRPCBroker, GRPCController: internal.GRPCController, Health: health.Health };
  return services;
}
