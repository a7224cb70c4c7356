/**
 * nats: the revert plugin as a NATS service. Three ways to open it:
 * - nothing given: plugbench starts its own nats-server (loopback, random port)
 *   and one plugin instance on it; the handle owns both.
 * - `broker` (or PLUGBENCH_NATS_URL): one plugin instance on that server or cluster,
 *   joining the queue group with any others.
 * - `endpoint: nats://...`: no plugin is started; calls go to whichever instance
 *   of the service there takes them, under the retry policy (retry-policy.ts).
 * A handle that started an instance sends its calls to that instance's own
 * subject, so its pid, its crash and its faults are its own.
 */
import type { Connection, ConnectionHost, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import type { BrokerSupport } from '../../src/core/descriptor.js';
import type { BrokerOptions } from '../../src/core/transport.js';
import { brokerFromEnv, clientConfig, displayUrl } from './broker-config.js';
import { NatsHostClient } from './host-client.js';
import { startInstance, type StartedInstance } from './instance.js';
import { startNatsServer, type NatsServer } from './nats-server.js';
import { instanceSubject, SERVICE_NAME, SERVICE_SUBJECT } from './protocol.js';
import { SERVICE_RETRY_POLICY } from './retry-policy.js';

export const open: OpenConnection = async (request) => {
  if (request.options.endpoint) return openService(request, { ...request.options.broker, url: request.options.endpoint });
  const broker = request.options.broker ?? brokerFromEnv();
  if (broker) return openInstance(request, broker);
  const server = await startServer(request);
  try {
    const connection = await openInstance(request, { url: server.url }, server);
    void server.exited.then(() => request.host.closed({ code: 'CRASHED', message: `its nats-server (pid ${server.pid}) exited; it said: ${server.logTail().slice(-2).join(' | ')}` }));
    return connection;
  } catch (error) {
    await server.stop();
    throw error;
  }
};

/** Starts private brokers for several instances (the scale suite, tests). */
export const broker: BrokerSupport = {
  startBroker: (signal) => startNatsServer({ timeoutMs: 10_000, ...(signal ? { signal } : {}) }),
};

async function startServer({ deadline, signal, host }: OpenRequest): Promise<NatsServer> {
  const began = performance.now();
  const server = await startNatsServer({ timeoutMs: deadline - began, ...(signal ? { signal } : {}), name: `${host.target}: nats-server` });
  host.event({ type: 'step', name: 'nats-server', ms: performance.now() - began, detail: `pid ${server.pid} listening on ${displayUrl(server.url)}, token required` });
  return server;
}

/** One instance on `broker`, and a host connection that calls it by its own subject. */
async function openInstance(request: OpenRequest, broker: BrokerOptions, server?: NatsServer): Promise<Connection> {
  const config = clientConfig(broker);
  const began = performance.now();
  const [instance, client] = await Promise.allSettled([startInstance(broker, request), connectHost(request.host, config, !server, request.deadline - began)]);
  if (instance.status === 'rejected' || client.status === 'rejected') {
    if (instance.status === 'fulfilled') instance.value.plugin.kill();
    if (client.status === 'fulfilled') await client.value.close();
    throw instance.status === 'rejected' ? instance.reason : (client as PromiseRejectedResult).reason;
  }
  request.host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `host connected to ${displayUrl(broker.url)}` });
  return instanceConnection(instance.value, client.value, request.host, server);
}

function instanceConnection(instance: StartedInstance, client: NatsHostClient, host: ConnectionHost, server?: NatsServer): Connection {
  const { plugin } = instance;
  const subject = instanceSubject(instance.id);
  // The process helper reports the instance's exit to the runner, which fails the calls and closes.
  void client.nc.closed().then((error) => host.closed({ code: 'CRASHED', message: `lost its NATS connection${error ? `: ${error.message}` : ''}` }));
  return {
    pid: plugin.pid,
    send: (method, args, call) => client.send(subject, method, args, call),
    ping: (timeoutMs) => client.control(instance.id, 'ping', timeoutMs),
    close: async () => {
      try {
        await plugin.stop(() => client.control(instance.id, 'exit', 1_000));
      } finally {
        await client.close();
        await server?.stop();
      }
    },
  };
}

/** No plugin of our own: calls go to the queue group on `broker`, retried by the policy. */
async function openService({ host, deadline }: OpenRequest, broker: BrokerOptions): Promise<Connection> {
  const began = performance.now();
  const client = await connectHost(host, clientConfig(broker), true, deadline - began, true);
  host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `connected to the ${SERVICE_SUBJECT} service on ${displayUrl(broker.url)}` });
  void client.nc.closed().then((error) => host.closed({ code: 'CRASHED', message: `lost the NATS connection to ${displayUrl(broker.url)}${error ? `: ${error.message}` : ''}` }));
  return {
    send: (method, args, call) => client.send(SERVICE_SUBJECT, method, args, call),
    ping: async (timeoutMs) => {
      await client.nc.request(`$SRV.PING.${SERVICE_NAME}`, undefined, { timeout: Math.max(1, Math.round(timeoutMs)) });
    },
    close: () => client.close(),
  };
}

function connectHost(host: ConnectionHost, config: ReturnType<typeof clientConfig>, reconnect: boolean, timeoutMs: number, shared = false): Promise<NatsHostClient> {
  return NatsHostClient.connect(config, {
    name: `plugbench host ${process.pid} (${host.target})`,
    reconnect,
    timeoutMs,
    hostCall: host.hostCall,
    ...(shared
      ? { retry: SERVICE_RETRY_POLICY, onRetry: (method, attempt, why) => host.event({ type: 'log', level: 'warn', message: `retry: ${method} sent again (attempt ${attempt}): ${why}` }) }
      : {}),
  });
}
