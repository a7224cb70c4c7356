/**
 * The host end of a Go plugin served by net/rpc with the JSON codec (the
 * go-netrpc and go-stdio-rpc targets): the plugin's Plugin.* methods, and the
 * host's Host.Call for callbacks. The handshake's network picks the channel:
 * stdio (one pipe, both directions) or TCP (the host's calls on a first
 * connection, the plugin's callbacks on a second).
 */
import type { Socket } from 'node:net';
import type { Connection, ConnectionHost, OpenConnection } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { connectTcp } from '../process/connect-tcp.js';
import type { HandshakeNetwork } from '../process/handshake.js';
import { stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { openWithSecret } from '../auth/open-with-secret.js';
import { makeSecretEnv } from '../auth/plugin-secret.js';
import { sendTokenPreamble } from '../auth/token-preamble.js';
import { runnerEnv } from '../process/runner-env.js';
import { goPluginCommand } from './go-build.js';
import { JsonRpc1Peer, type PeerHandlers } from './json-rpc1-peer.js';

/** What the handshake line names: JSON-RPC 1.0 as net/rpc/jsonrpc speaks it. */
export const NET_RPC_PROTOCOL = 'jsonrpc1';

interface Channel {
  /** Where the host's calls go. */
  calls: JsonRpc1Peer;
  detail: string;
  close(): void;
}

type ChannelOpener = (plugin: RunningPlugin, budgetMs: () => number, handlers: PeerHandlers, secret: string) => Promise<Channel>;

const CHANNELS: Partial<Record<HandshakeNetwork, ChannelOpener>> = {
  stdio: async ({ process, handshake }, _budgetMs, handlers) => {
    const calls = new JsonRpc1Peer(process.stdout, process.stdin, handlers, handshake.rest);
    return { calls, detail: 'net/rpc JSON over the plugin stdin/stdout', close: () => calls.close() };
  },
  tcp: async (plugin, budgetMs, handlers, secret) => {
    plugin.forwardStdout();
    const address = plugin.handshake.handshake.address;
    const sockets: Socket[] = [];
    try {
      // The plugin takes the first connection for calls and the second for callbacks; each proves the start's secret first.
      for (let i = 0; i < 2; i++) {
        sockets.push(await plugin.whileAlive(connectTcp(address, budgetMs()), 'the host connected'));
        sendTokenPreamble(sockets.at(-1)!, secret);
      }
    } catch (error) {
      for (const socket of sockets) socket.destroy();
      throw error;
    }
    const [callSocket, callbackSocket] = sockets as [Socket, Socket];
    const calls = new JsonRpc1Peer(callSocket, callSocket, { onViolation: handlers.onViolation, onLost: handlers.onLost });
    const callbacks = new JsonRpc1Peer(callbackSocket, callbackSocket, handlers);
    return {
      calls,
      detail: `net/rpc JSON over TCP ${address} (calls, then callbacks; token preamble on each)`,
      close: () => {
        calls.close();
        callbacks.close();
        for (const socket of sockets) socket.destroy();
      },
    };
  },
};

/** Runs a Host.Call from the plugin: `{name, args, depth}` -> `{value}`. */
async function hostCall(host: ConnectionHost, method: string, param: unknown): Promise<unknown> {
  const call = param as { name?: unknown; args?: unknown; depth?: unknown } | undefined;
  if (method !== 'Host.Call' || typeof call?.name !== 'string' || !Array.isArray(call.args) || typeof call.depth !== 'number') {
    throw new PluginError('INVALID_INPUT', `the host serves Host.Call({name, args, depth}), not ${method}`);
  }
  return { value: (await host.hostCall(call.name, call.args, call.depth)) ?? null };
}

/** The plugin's method for a contract method; anything else goes through Plugin.Invoke. */
function pluginRequest(method: string, args: unknown[], depth: number): [string, unknown] {
  if (method === 'revert') return ['Plugin.Revert', { text: args[0], depth }];
  if (method === 'revertWithPrefix') return ['Plugin.RevertWithPrefix', { text: args[0], depth }];
  return ['Plugin.Invoke', { method, args, depth }];
}

/** Opens the Go plugin binary `sample` (or `--plugin`) and connects over the channel its handshake names. */
export function openNetRpcPlugin(sample: string): OpenConnection {
  const spec = async (options: Parameters<typeof runnerEnv>[0]) => ({ command: await goPluginCommand(sample, options.pluginPath), env: runnerEnv(options) });
  return openWithSecret(makeSecretEnv, spec, { protocol: NET_RPC_PROTOCOL }, async (plugin, request, secret) => {
    const { host } = request;
    const began = performance.now();
    const network = plugin.handshake.handshake.network;
    const open = CHANNELS[network];
    if (!open) throw new PluginError('START_FAILED', `${host.target}: cannot speak net/rpc over ${network}`);
    const channel = await open(plugin, () => stepBudgetMs(request), {
      onRequest: (method, param) => hostCall(host, method, param),
      onViolation: (why) => plugin.protocolError(why),
      onLost: (why) => plugin.channelLost(why),
    }, secret);
    host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: channel.detail });
    const connection: Connection = {
      pid: plugin.pid,
      send: (method, args, call) => channel.calls.request(...pluginRequest(method, args, call.depth), call),
      ping: async () => {
        await channel.calls.request('Plugin.Ping', {});
      },
      close: async () => {
        await plugin.stop(() => channel.calls.request('Plugin.Exit', {}));
        channel.close();
      },
    };
    return connection;
  });
}
