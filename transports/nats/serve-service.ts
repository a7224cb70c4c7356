/**
 * The plugin end: the revert contract served as a NATS service (the services
 * API, so `$SRV.PING/INFO/STATS` find and measure every instance), on the
 * shared subject in a queue group and on this instance's own subject. A call's
 * host calls go to the callback subject it came with, so they reach the host
 * that made it; each host gets its own dispatcher (no async context needed).
 */
import os from 'node:os';
import type { Msg, NatsConnection, Service, ServiceMsg } from 'nats';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import type { Dispatch, HostCaller } from '../../src/core/plugin-dispatcher.js';
import { loadNats } from './nats-client.js';
import {
  controlSubject,
  decodeAnswer,
  decodeBody,
  encodeError,
  encodeValue,
  errorStatus,
  HEADER,
  headerText,
  instanceSubject,
  QUEUE_GROUP,
  SERVICE_NAME,
  SERVICE_SUBJECT,
  SERVICE_VERSION,
} from './protocol.js';

/** A plugin -> host call waits at most this long (the host's own call deadline usually ends it first). */
const HOST_CALL_TIMEOUT_MS = 10_000;
/** Hosts whose dispatchers are kept; beyond it the oldest is rebuilt on its next call. */
const MAX_HOSTS = 256;

export interface ServeOptions {
  /** This instance's id: its own subject and control subject, and its service metadata. */
  instance: string;
  plugin: string;
  /** Builds the dispatcher that sends host calls with `hostCall`. */
  dispatcher(hostCall: HostCaller): Dispatch;
  /** The host sent `exit` on the control subject (it answers first). */
  onExit(): void;
}

/** Endpoint figures the services API cannot see for async handlers, returned as each endpoint's stats `data`. */
export interface CallFigures {
  errors: number;
  /** Summed time from request to answer, in ms. */
  processingMs: number;
  lastError?: string;
}

export interface RevertService {
  readonly service: Service;
  /** Calls being served now. */
  readonly inFlight: number;
  /** Stops taking calls (unsubscribes), waits for those in flight (at most `timeoutMs`), then drains the connection. */
  drain(timeoutMs: number): Promise<void>;
}

export async function serveRevert(nc: NatsConnection, options: ServeOptions): Promise<RevertService> {
  const nats = await loadNats();
  const figures: CallFigures = { errors: 0, processingMs: 0 };
  const dispatcherFor = hostDispatchers(nc, nats.headers, options);
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const handler = (error: Error | null, msg: ServiceMsg): void => {
    if (error) return;
    const began = performance.now();
    inFlight++;
    void serveCall(msg, dispatcherFor, nats.headers).then((failure) => {
      figures.processingMs += performance.now() - began;
      if (failure) {
        figures.errors++;
        figures.lastError = failure;
      }
      if (--inFlight === 0) idle?.();
    });
  };

  const service = await nc.services.add({
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    description: 'plugbench revert plugin: revert(text) reverses text by code point',
    queue: QUEUE_GROUP,
    metadata: { instance: options.instance, pid: String(process.pid), host: os.hostname(), plugin: options.plugin },
    statsHandler: async () => ({ ...figures }),
  });
  service.addEndpoint('call', { subject: SERVICE_SUBJECT, handler });
  service.addEndpoint('direct', { subject: instanceSubject(options.instance), handler });
  nc.subscribe(controlSubject(options.instance), { callback: (_, msg) => control(msg, options) });
  await nc.flush();

  return {
    service,
    get inFlight() {
      return inFlight;
    },
    async drain(timeoutMs) {
      await service.stop();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, timeoutMs).unref();
        });
      }
      await nc.drain();
    },
  };
}

/** One dispatcher per calling host, whose host calls go back to that host's callback subject. */
function hostDispatchers(nc: NatsConnection, headers: () => import('nats').MsgHdrs, options: ServeOptions): (host: string | undefined) => Dispatch {
  const dispatchers = new Map<string, Dispatch>();
  return (host) => {
    const key = host ?? '';
    let dispatch = dispatchers.get(key);
    if (!dispatch) {
      if (dispatchers.size >= MAX_HOSTS) dispatchers.delete(dispatchers.keys().next().value!);
      dispatch = options.dispatcher(host ? hostCaller(nc, headers, host) : noHost);
      dispatchers.set(key, dispatch);
    }
    return dispatch;
  };
}

/** Serves one call; resolves with the error message when it answered with an error. */
async function serveCall(msg: ServiceMsg, dispatcherFor: (host: string | undefined) => Dispatch, headers: () => import('nats').MsgHdrs): Promise<string | undefined> {
  try {
    const method = msg.headers?.get(HEADER.method);
    if (!method) throw new PluginError('PROTOCOL_ERROR', `request without a ${HEADER.method} header`);
    const args = decodeBody(msg.data, 'call arguments');
    if (!Array.isArray(args)) throw new PluginError('PROTOCOL_ERROR', 'call arguments are not a JSON array');
    const depth = Number(msg.headers?.get(HEADER.depth)) || 1;
    const value = await dispatcherFor(msg.headers?.get(HEADER.host) || undefined)(method, args, depth);
    msg.respond(encodeValue(value));
    return undefined;
  } catch (thrown) {
    const error = toPluginError(thrown);
    const answer = headers();
    answer.set(HEADER.errorCode, error.code);
    msg.respondError(errorStatus(error), headerText(error.message), encodeError(error), { headers: answer });
    return `${error.code}: ${error.message}`;
  }
}

function control(msg: Msg, options: ServeOptions): void {
  const verb = msg.string();
  if (verb === 'exit') {
    msg.respond(encodeValue('bye'));
    options.onExit();
  } else {
    msg.respond(encodeValue(verb === 'ping' ? 'pong' : null));
  }
}

function hostCaller(nc: NatsConnection, headers: () => import('nats').MsgHdrs, host: string): HostCaller {
  return async (name, args, depth) => {
    const request = headers();
    request.set(HEADER.method, name);
    request.set(HEADER.depth, String(depth));
    let answer: Msg;
    try {
      answer = await nc.request(host, encodeValue(args), { timeout: HOST_CALL_TIMEOUT_MS, headers: request });
    } catch (error) {
      throw new PluginError('HOST_ERROR', `host function "${name}": the host at ${host} did not answer (${(error as Error).message})`, { cause: error });
    }
    return decodeAnswer(answer, `host function "${name}"`);
  };
}

const noHost: HostCaller = async (name) => {
  throw new PluginError('HOST_FUNCTION_NOT_FOUND', `host function "${name}": the caller offered no host functions (no ${HEADER.host} header)`, { data: { name } });
};
