/**
 * The survey on a real engine: one `$SRV.PING` and one `$SRV.STATS` to every
 * instance of the service at once (the services discovery protocol), answers
 * collected until one shared deadline. Who answered, how fast, and what each
 * instance has served; whoever answered only one of the two is named.
 */
import type { BrokerOptions } from '../../src/core/transport.js';
import { clientConfig, displayUrl } from './broker-config.js';
import { connectNats, loadNats } from './nats-client.js';
import type { CallFigures } from './serve-service.js';
import { SERVICE_NAME } from './protocol.js';

export interface InstanceAnswer {
  /** The service id the instance registered with. */
  id: string;
  /** plugbench's own instance name, pid and host, from the service metadata. */
  instance?: string;
  pid?: number;
  host?: string;
  plugin?: string;
  version: string;
  /** From sending the survey to this instance's PING answer. */
  pingMs?: number;
  /** Calls it received, answered with an error, and the time it spent serving them. */
  requests?: number;
  errors?: number;
  processingMs?: number;
  lastError?: string;
  /** Which questions it answered within the deadline. */
  answered: { ping: boolean; stats: boolean };
}

export interface ServiceSurvey {
  url: string;
  service: string;
  deadlineMs: number;
  instances: InstanceAnswer[];
}

export async function surveyService(broker: BrokerOptions, deadlineMs: number): Promise<ServiceSurvey> {
  const nats = await loadNats();
  const nc = await connectNats(clientConfig(broker), { name: 'plugbench health survey', reconnect: false, timeoutMs: Math.max(1_000, deadlineMs) });
  try {
    const client = nc.services.client({ strategy: nats.RequestStrategy.Timer, maxWait: deadlineMs });
    const sent = performance.now();
    const byId = new Map<string, InstanceAnswer>();
    const entry = (id: string, version: string, metadata?: Record<string, string>): InstanceAnswer => {
      let answer = byId.get(id);
      if (!answer) {
        answer = { id, version, ...fromMetadata(metadata), answered: { ping: false, stats: false } };
        byId.set(id, answer);
      }
      return answer;
    };
    const [pings, stats] = await Promise.all([client.ping(SERVICE_NAME), client.stats(SERVICE_NAME)]);
    await Promise.all([
      (async () => {
        for await (const ping of pings) Object.assign(entry(ping.id, ping.version, ping.metadata), { pingMs: performance.now() - sent }).answered.ping = true;
      })(),
      (async () => {
        for await (const stat of stats) Object.assign(entry(stat.id, stat.version, stat.metadata), figures(stat.endpoints ?? [])).answered.stats = true;
      })(),
    ]);
    const instances = [...byId.values()].sort((a, b) => (a.pingMs ?? Infinity) - (b.pingMs ?? Infinity));
    return { url: displayUrl(broker.url), service: SERVICE_NAME, deadlineMs, instances };
  } finally {
    await nc.close().catch(() => {});
  }
}

function fromMetadata(metadata: Record<string, string> | undefined): Partial<InstanceAnswer> {
  if (!metadata) return {};
  const pid = Number(metadata.pid);
  return {
    ...(metadata.instance ? { instance: metadata.instance } : {}),
    ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}),
    ...(metadata.host ? { host: metadata.host } : {}),
    ...(metadata.plugin ? { plugin: metadata.plugin } : {}),
  };
}

/** Sums the endpoints: requests as the services API counts them, errors and time as the instance measured them. */
function figures(endpoints: readonly { num_requests: number; num_errors: number; data?: unknown }[]): Partial<InstanceAnswer> {
  let requests = 0;
  for (const endpoint of endpoints) requests += endpoint.num_requests;
  // Every endpoint returns the instance's one CallFigures: read it once.
  const data = endpoints[0]?.data as Partial<CallFigures> | undefined;
  const errors = typeof data?.errors === 'number' ? data.errors : endpoints.reduce((sum, e) => sum + e.num_errors, 0);
  return {
    requests,
    errors,
    ...(typeof data?.processingMs === 'number' ? { processingMs: data.processingMs } : {}),
    ...(data?.lastError ? { lastError: data.lastError } : {}),
  };
}
