/**
 * The revert contract as a NATS service, shared by the host and the plugin side.
 * A call is a request whose body is the JSON arguments and whose headers carry
 * the method, the call depth and the host's callback subject; an answer is the
 * JSON value, or a service error whose headers carry the typed error code.
 * Plugin -> host calls use the same encoding, to the callback subject.
 */
import type { Msg, MsgHdrs } from 'nats';
import { isErrorCode, PluginError, serializeError, type ErrorCode } from '../../src/core/errors.js';

/** The service name every instance registers (`$SRV.PING.<name>` finds them all). */
export const SERVICE_NAME = 'plugbench-revert';
/** The service version: the revert contract's protocol version. */
export const SERVICE_VERSION = '1.0.0';
/** Every instance serves this subject in this queue group, so any number share the calls. */
export const SERVICE_SUBJECT = 'plugbench.revert.call';
export const QUEUE_GROUP = 'plugbench-revert';

/** A subject served by one instance only: calls pinned to the handle that started it. */
export function instanceSubject(instance: string): string {
  return `plugbench.revert.instance.${instance}`;
}

/** Control requests (`ping`, `exit`) to one instance; not service endpoints, so they are not counted as calls. */
export function controlSubject(instance: string): string {
  return `plugbench.revert.control.${instance}`;
}

export const HEADER = {
  method: 'Plugbench-Method',
  depth: 'Plugbench-Depth',
  /** The subject the plugin sends this call's host calls to: the host that made the call. */
  host: 'Plugbench-Host',
  /** The typed code of an error answer (errors.ts ERROR_CODES). */
  errorCode: 'Plugbench-Error',
  /** Set by the services API on an error answer. */
  serviceError: 'Nats-Service-Error',
} as const;

/** The status a NATS server sends when no subscriber serves the subject. */
export const NO_RESPONDERS = 503;

const STATUS: Partial<Record<ErrorCode, number>> = { INVALID_INPUT: 400, METHOD_NOT_FOUND: 404, HOST_FUNCTION_NOT_FOUND: 404, TIMEOUT: 408 };

/** The HTTP-like status a service error carries (the services API wants a number). */
export function errorStatus(error: PluginError): number {
  return STATUS[error.code] ?? 500;
}

/** Header values are one line. */
export function headerText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 4096);
}

export function encodeValue(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value ?? null), 'utf8');
}

export function encodeError(error: PluginError): Uint8Array {
  return Buffer.from(JSON.stringify(serializeError(error)), 'utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON body; anything else is a PROTOCOL_ERROR naming what it was. */
export function decodeBody(data: Uint8Array, what: string): unknown {
  if (data.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(data)) as unknown;
  } catch (error) {
    throw new PluginError('PROTOCOL_ERROR', `${what} is not UTF-8 JSON: ${(error as Error).message}`, { data: { bytes: data.length } });
  }
}

/** The value of an answer, or the typed error it carries in its headers (and its body, for `data`). */
export function decodeAnswer(msg: Msg, what: string): unknown {
  const headers = msg.headers;
  if (headers && (headers.hasError || headers.get(HEADER.errorCode))) throw answerError(headers, msg.data, what);
  return decodeBody(msg.data, what);
}

function answerError(headers: MsgHdrs, data: Uint8Array, what: string): PluginError {
  const code = headers.get(HEADER.errorCode);
  const message = headers.get(HEADER.serviceError) || headers.description || `${what} failed`;
  let detail: unknown;
  try {
    detail = decodeBody(data, what);
  } catch {
    detail = undefined;
  }
  const wire = PluginError.fromJSON(detail);
  if (isErrorCode(code)) return new PluginError(code, wire.code === code ? wire.message : message, wire.data === undefined ? {} : { data: wire.data });
  return new PluginError('PROTOCOL_ERROR', `${what} answered a service error without a plugbench error code: ${message}`);
}
