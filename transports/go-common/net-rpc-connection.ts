/**
 * The host end of a Go plugin served by net/rpc with the JSON codec (the
 * go-netrpc and go-stdio-rpc targets): the plugin's Plugin.* methods, and the
 * host's Host.Call for callbacks. The handshake's network picks the channel:
 * stdio (one pipe, both directions) or TCP (the host's calls on a first
 * connection, the plugin's callbacks on a second).
 */
import type { Socket } from 'node:net';
import type { Connection, ConnectionHost, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { connectTcp } from '../process/connect-tcp.js';
import { forwardStdout } from '../process/forward-stdout.js';
import type { HandshakeNetwork } from '../process/handshake.js';
import { runnerEnv } from '../process/runner-env.js';
import { goPluginCommand } from './go-build.js';
import { JsonRpc1Peer, type PeerHandlers } from './json-rpc1-peer.js';
import { launchPlugin, type LaunchedPlugin } from './launch-plugin.js';

/** What the handshake line names: JSON-RPC 1.0 as net/rpc/jsonrpc speaks it. */
export const NET_RPC_PROTOCOL = 'jsonrpc1';

interface Channel {
  /** Where the host's calls go. */
  calls: JsonRpc1Peer;
  detail: string;
  close(): void;
}

type ChannelOpener = (launched: LaunchedPlugin, request: OpenRequest, handlers: PeerHandlers) => Promise<Channel>;

const CHANNELS: Partial<Record<HandshakeNetwork, ChannelOpener>> = {
  stdio: async ({ process, handshake }, _request, handlers) => {
    const calls = new JsonRpc1Peer(process.stdout, process.stdin, handlers, handshake.rest);
    return { calls, detail: 'net/rpc JSON over the plugin stdin/stdout', close: () => calls.close() };
  },
  tcp: async ({ process, handshake }, request, handlers) => {
    forwardStdout(process, handshake, (line) => request.host.event({ type: 'stderr', line }));
    const remaining = () => Math.max(1, request.deadline - performance.now());
    const sockets: Socket[] = [];
    try {
      // The plugin takes the first connection for calls and the second for callbacks.
      sockets.push(await connectTcp(handshake.handshake.address, remaining()));
      sockets.push(await connectTcp(handshake.handshake.address, remaining()));
    } catch (error) {
      for (const socket of sockets) socket.destroy();
      throw error;
    }
    const [callSocket, callbackSocket] = sockets as [Socket, Socket];
    const calls = new JsonRpc1Peer(callSocket, callSocket, { onViolation: handlers.onViolation, onLost: handlers.onLost });
    const callbacks = new JsonRpc1Peer(callbackSocket, callbackSocket, handlers);
    return {
      calls,
      detail: `net/rpc JSON over TCP ${handshake.handshake.address} (calls, then callbacks)`,
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
function request(method: string, args: unknown[], depth: number): [string, unknown] {
  if (method === 'revert') return ['Plugin.Revert', { text: args[0], depth }];
  if (method === 'revertWithPrefix') return ['Plugin.RevertWithPrefix', { text: args[0], depth }];
  return ['Plugin.Invoke', { method, args, depth }];
}

/** Opens the Go plugin binary `sample` (or `--plugin`) and connects over the channel its handshake names. */
export function openNetRpcPlugin(sample: string): OpenConnection {
  return async (openRequest) => {
    const { options, host } = openRequest;
    const command = await goPluginCommand(sample, options.pluginPath);
    const launched = await launchPlugin(openRequest, { command, env: runnerEnv(options) }, { protocol: NET_RPC_PROTOCOL });
    const began = performance.now();
    const open = CHANNELS[launched.handshake.handshake.network];
    let channel: Channel;
    try {
      if (!open) throw new PluginError('START_FAILED', `${host.target}: cannot speak net/rpc over ${launched.handshake.handshake.network}`);
      channel = await open(launched, openRequest, {
        onRequest: (method, param) => hostCall(host, method, param),
        onViolation: (why) => launched.protocolError(why),
        onLost: (why) => launched.channelLost(why),
      });
    } catch (error) {
      await launched.kill();
      throw error;
    }
    host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: channel.detail });
    const connection: Connection = {
      pid: launched.process.pid!,
      send: (method, args, call) => channel.calls.request(...request(method, args, call.depth)),
      ping: async () => {
        await channel.calls.request('Plugin.Ping', {});
      },
      close: async () => {
        await launched.stop(() => channel.calls.request('Plugin.Exit', {}));
        channel.close();
      },
    };
    return connection;
  };
}
