/**
 * A plugin behind ZeroMQ: the host's DEALER talks to the plugin's ROUTER, with
 * the shared `wire` messages (MessageClient) on top. The plugin is either a
 * child process run by the process helper, or an endpoint given with `--connect`
 * (`StartOptions.endpoint`): then a disconnect is a crash, and closing only
 * disconnects; the plugin is not ours to stop.
 */
import type { Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import { checkPluginLoad } from '../../src/core/plugin-load.js';
import { withTimeout } from '../../src/core/runner.js';
import type { SpecFor } from '../process/node-runner-spec.js';
import { openPluginProcess, stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { assertEndpoint, DealerChannel } from './dealer-channel.js';

/** Opens the plugin process started from `spec`, or connects to `options.endpoint` when given. */
export function openMq(spec: SpecFor): OpenConnection {
  const spawned = openPluginProcess(spec, { protocol: 'zmq' }, (plugin, request) => {
    plugin.forwardStdout();
    return connectDealer(`tcp://${plugin.handshake.handshake.address}`, request, plugin);
  });
  return async (request) => {
    const endpoint = request.options.endpoint;
    if (endpoint === undefined) return spawned(request);
    assertEndpoint(endpoint);
    return connectDealer(endpoint, request);
  };
}

/** Connects the DEALER and waits for a first pong: ZeroMQ connects in the background, the pong proves the plugin is there. */
async function connectDealer(endpoint: string, request: OpenRequest, plugin?: RunningPlugin): Promise<Connection> {
  const { host } = request;
  const began = performance.now();
  // Garbage on the socket: nothing after it can be trusted. A remote plugin is only disconnected (by close).
  const failChannel = (why: string) => (plugin ? plugin.protocolError(why) : host.closed({ code: 'PROTOCOL_ERROR', message: `protocol error: ${why}` }));
  const client: MessageClient = new MessageClient({
    post: (message) => channel.post(message),
    onHostCall: host.hostCall,
    onProtocolError: (error) => failChannel(error.message),
  });
  const channel = DealerChannel.open(endpoint, {
    onMessage: (message) => client.receive(message),
    onProtocolError: (error) => failChannel(error.message),
    // A spawned plugin's death is reported by its exit, with the exit code.
    onDisconnect: () => {
      if (!plugin) host.closed({ code: 'CRASHED', message: `endpoint ${endpoint} disconnected` });
    },
  });
  const close = () => {
    channel.close();
    client.failAll(new PluginError('CLOSED', `${host.target}: channel closed`));
  };
  try {
    const budgetMs = stepBudgetMs(request);
    const answered = withTimeout(client.ping(), budgetMs, () => new PluginError('START_FAILED', `${host.target}: no answer from ${endpoint} within ${budgetMs.toFixed(0)} ms`));
    await (plugin ? plugin.whileAlive(answered, 'it answered a ping') : answered);
  } catch (error) {
    close();
    throw error;
  }
  host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `DEALER -> ROUTER ${endpoint}, first ping answered` });
  return {
    ...(plugin ? { pid: plugin.pid } : {}),
    endpoint,
    send: (method, args, call) => client.send(method, args, call),
    ping: async () => checkPluginLoad(await client.ping()),
    close: async () => {
      try {
        // `exit` has no answer in the wire protocol: the process leaving is the answer.
        await plugin?.stop(() => {
          channel.post({ type: 'exit' });
          return plugin.exited;
        });
      } finally {
        close();
      }
    },
  };
}
