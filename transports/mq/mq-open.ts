/**
 * A plugin behind ZeroMQ: the host's DEALER talks to the plugin's ROUTER, with
 * the shared `wire` messages (MessageClient) on top, over CURVE with keys derived
 * from the plugin's secret (transports/auth/curve-keys.ts). The plugin is either a
 * child process run by the process helper (a fresh secret per start), or an
 * endpoint given with `--connect` (`StartOptions.endpoint`, its secret in
 * `StartOptions.secret` or PLUGBENCH_CONNECT_SECRET): then a disconnect is a
 * crash, and closing only disconnects; the plugin is not ours to stop.
 */
import { canSettle, type Connection, type OpenConnection, type OpenRequest } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import { checkPluginLoad } from '../../src/core/plugin-load.js';
import { withTimeout } from '../../src/core/runner.js';
import { curveKeys } from '../auth/curve-keys.js';
import { openWithSecret } from '../auth/open-with-secret.js';
import { CONNECT_SECRET_ENV, connectSecret, makeSecretEnv } from '../auth/plugin-secret.js';
import type { SpecFor } from '../process/node-runner-spec.js';
import { stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { assertEndpoint, DealerChannel } from './dealer-channel.js';

/** Opens the plugin process started from `spec`, or connects to `options.endpoint` when given. */
export function openMq(spec: SpecFor): OpenConnection {
  const spawned = openWithSecret(makeSecretEnv, spec, { protocol: 'zmq' }, (plugin, request, secret) => {
    plugin.forwardStdout();
    return connectDealer(`tcp://${plugin.handshake.handshake.address}`, request, secret, plugin);
  });
  return async (request) => {
    const endpoint = request.options.endpoint;
    if (endpoint === undefined) return spawned(request);
    assertEndpoint(endpoint);
    return connectDealer(endpoint, request, connectSecret(request.options.secret, endpoint));
  };
}

/** Fails the start fast when the plugin turns the CURVE handshake down, instead of waiting out the first ping. */
function handshakeRefusal(target: string, endpoint: string, remote: boolean) {
  let refuse: (why: string) => void = () => {};
  const refused = new Promise<never>((_resolve, reject) => {
    const hint = remote ? `is ${CONNECT_SECRET_ENV} the secret the plugin was started with?` : 'its keys are not the ones this start gave it';
    refuse = (why) => reject(new PluginError('START_FAILED', `${target}: ${endpoint} ${why}: ${hint}`, { data: { endpoint } }));
  });
  refused.catch(() => {});
  return { refused, refuse };
}

/** Connects the DEALER and waits for a first pong: ZeroMQ connects in the background, the pong proves the plugin is there. */
async function connectDealer(endpoint: string, request: OpenRequest, secret: string, plugin?: RunningPlugin): Promise<Connection> {
  const { host } = request;
  const began = performance.now();
  let started = false;
  const handshake = handshakeRefusal(host.target, endpoint, !plugin);
  // Garbage on the socket: nothing after it can be trusted. A remote plugin is only disconnected (by close).
  const failChannel = (why: string) => (plugin ? plugin.protocolError(why) : host.closed({ code: 'PROTOCOL_ERROR', message: `protocol error: ${why}` }));
  const client: MessageClient = new MessageClient({
    post: (message) => channel.post(message),
    onHostCall: host.hostCall,
    onProtocolError: (error) => failChannel(error.message),
  });
  const channel = DealerChannel.open(
    endpoint,
    {
      onMessage: (message) => client.receive(message),
      onProtocolError: (error) => failChannel(error.message),
      // A spawned plugin's death is reported by its exit, with the exit code.
      onDisconnect: () => {
        if (plugin) return;
        if (!started) handshake.refuse('closed the connection before the first answer (a CURVE handshake it did not accept)');
        else host.closed({ code: 'CRASHED', message: `endpoint ${endpoint} disconnected` });
      },
      onHandshakeError: (type) => handshake.refuse(`refused the CURVE handshake (${type})`),
      expecting: () => client.waiting > 0,
    },
    curveKeys(secret),
  );
  const close = () => {
    channel.close();
    client.failAll(new PluginError('CLOSED', `${host.target}: channel closed`));
  };
  try {
    const budgetMs = stepBudgetMs(request);
    const answered = withTimeout(client.ping(), budgetMs, () => new PluginError('START_FAILED', `${host.target}: no answer from ${endpoint} within ${budgetMs.toFixed(0)} ms`));
    await Promise.race([plugin ? plugin.whileAlive(answered, 'it answered a ping') : answered, handshake.refused]);
    started = true;
  } catch (error) {
    close();
    throw error;
  }
  host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `DEALER -> ROUTER ${endpoint} over CURVE, first ping answered` });
  return dealerConnection({ endpoint, secret }, client, channel, close, plugin);
}

function dealerConnection(where: { endpoint: string; secret: string }, client: MessageClient, channel: DealerChannel, close: () => void, plugin?: RunningPlugin): Connection {
  return {
    ...(plugin ? { pid: plugin.pid } : {}),
    ...where,
    send: (method, args, call) => (canSettle(call) ? client.settle(method, args, call) : client.send(method, args, call)),
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
