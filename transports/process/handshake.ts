/**
 * The handshake line a plugin prints first on stdout, go-plugin style:
 * `CORE_PROTOCOL_VERSION|APP_PROTOCOL_VERSION|NETWORK|ADDRESS|PROTOCOL`,
 * e.g. `1|1|tcp|127.0.0.1:43121|grpc`. The host learns where to connect from it,
 * never from a sleep.
 */
import { PluginError } from '../../src/core/errors.js';

/** Version of this handshake format and the process lifecycle around it. */
export const CORE_PROTOCOL_VERSION = 1;
/** Version of the revert plugin protocol spoken after the handshake. */
export const APP_PROTOCOL_VERSION = 1;

export type HandshakeNetwork = 'tcp' | 'stdio' | 'unix';
const NETWORKS: ReadonlySet<string> = new Set<HandshakeNetwork>(['tcp', 'stdio', 'unix']);

export interface Handshake {
  coreVersion: number;
  appVersion: number;
  network: HandshakeNetwork;
  /** `host:port` for tcp, a path for unix, `-` for stdio. */
  address: string;
  /** What is spoken on the channel: `grpc`, `jsonrpc`, `zmq`... */
  protocol: string;
}

export function formatHandshake(parts: Pick<Handshake, 'network' | 'address' | 'protocol'>): string {
  return [CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, parts.network, parts.address, parts.protocol].join('|');
}

export interface HandshakeExpectation {
  /** The protocol the host will speak; anything else is refused. */
  protocol: string;
  appVersion?: number;
  /** Another line format (go-plugin's): parses and checks the line instead of `parseHandshake`. */
  parse?: (line: string) => Handshake;
}

/** Parses and checks one handshake line; throws START_FAILED saying what is wrong. */
export function parseHandshake(line: string, expected: HandshakeExpectation): Handshake {
  const fail = (why: string) =>
    new PluginError('START_FAILED', `bad handshake from plugin: ${why} (line: ${JSON.stringify(line.slice(0, 200))})`, {
      data: { line: line.slice(0, 1000) },
    });
  const parts = line.trim().split('|');
  if (parts.length !== 5) throw fail(`expected 5 fields separated by "|", got ${parts.length}`);
  const [core, app, network, address, protocol] = parts as [string, string, string, string, string];
  const coreVersion = Number(core);
  const appVersion = Number(app);
  if (!Number.isInteger(coreVersion) || !Number.isInteger(appVersion)) throw fail('protocol versions must be integers');
  if (coreVersion !== CORE_PROTOCOL_VERSION) {
    throw fail(`core protocol version ${coreVersion} is not supported; this host speaks ${CORE_PROTOCOL_VERSION}`);
  }
  const wantedApp = expected.appVersion ?? APP_PROTOCOL_VERSION;
  if (appVersion !== wantedApp) {
    throw fail(`plugin protocol version ${appVersion} does not match the host's ${wantedApp}; rebuild the plugin or the host`);
  }
  if (!NETWORKS.has(network)) throw fail(`unknown network "${network}" (expected tcp, unix or stdio)`);
  if (network === 'tcp' && !/^[^:]+:\d{1,5}$/.test(address)) throw fail(`tcp address "${address}" is not host:port`);
  if (protocol !== expected.protocol) throw fail(`plugin speaks "${protocol}", the host expects "${expected.protocol}"`);
  return { coreVersion, appVersion, network: network as HandshakeNetwork, address, protocol };
}
