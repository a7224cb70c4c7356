/**
 * The bytes of one ZeroMQ frame (docs/plugin-protocol.md, "ZeroMQ"): a header
 * line `KIND ID [DEPTH NAME]`, then `\n` and the body. A call whose one argument
 * is a string, and a string result, carry it as plain UTF-8 (`call-text`,
 * `result-text`), so the common call has no JSON envelope to build or parse on
 * either side; every other body is JSON. One frame, not one per field: CURVE
 * seals each frame on its own, and four frames cost more than the JSON they save
 * (docs/where-the-time-goes.md, "The ZeroMQ targets").
 */
import { isUtf8 } from 'node:buffer';
import { PluginError, type SerializedError } from '../../src/core/errors.js';

/** A frame split into its header fields and body; `name` is the rest of the header after DEPTH. */
export interface FrameParts {
  kind: string;
  id: string;
  depth: string;
  name: string;
  body: string;
}

/** Splits decoded frame text; missing fields are empty strings. */
export function splitFrame(text: string): FrameParts {
  const end = text.indexOf('\n');
  const header = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 1);
  const [kind = '', id = '', depth = '', name = ''] = splitHeader(header);
  return { kind, id, depth, name, body };
}

/** At most four fields: the last (a method or host-function name) keeps any spaces it holds. */
function splitHeader(header: string): string[] {
  const fields: string[] = [];
  let from = 0;
  while (fields.length < 3) {
    const space = header.indexOf(' ', from);
    if (space < 0) break;
    fields.push(header.slice(from, space));
    from = space + 1;
  }
  fields.push(header.slice(from));
  return fields;
}

/** A decimal id or depth as a number; undefined for anything else (signs, exponents, empty). */
export function headerNumber(field: string): number | undefined {
  return /^\d{1,15}$/.test(field) ? Number(field) : undefined;
}

/*
 * The common frames (call-text, result-text) are read off their bytes: the header is
 * ASCII, so its fields are found and its numbers read without decoding it, and only the
 * body (and a call's method) become strings. A body decoded on its own is a flat
 * string, not a slice of the frame's text, which a plugin walks faster. Counted with
 * callgrind, reading them so took about 2,800 off the 6,100 instructions a call the
 * Node plugin child ran over a bare ROUTER, and some 700 off the host's
 * (docs/where-the-time-goes.md, "Counted, not timed").
 */
const ZERO = 0x30;
export const SPACE = 0x20;
export const NEWLINE = 0x0a;

/** Whether `frame` holds the bytes of `prefix` at `at` (its start by default). */
export function startsWithBytes(frame: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (frame.length - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (frame[at + i] !== prefix[i]) return false;
  return true;
}

/** Where `byte` is first found in `frame` from `from`, looking no further than `limit`; -1 if not there. */
export function byteAt(frame: Uint8Array, byte: number, from: number, limit = frame.length): number {
  const end = Math.min(limit, frame.length);
  for (let i = from; i < end; i++) if (frame[i] === byte) return i;
  return -1;
}

/** headerNumber of the bytes from `from` to `to`: 1 to 15 ASCII digits, else undefined. */
export function bytesNumber(frame: Uint8Array, from: number, to: number): number | undefined {
  if (to <= from || to - from > 15) return undefined;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = frame[i]! - ZERO;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** A name for a header line: it ends the line, so it cannot hold a line break. */
function headerName(name: string): string {
  if (name.includes('\n') || name === '') throw new PluginError('INVALID_INPUT', `a name on the ZeroMQ wire cannot be empty or hold a line break: ${JSON.stringify(name)}`);
  return name;
}

/** A call: its one well-formed string argument as text, other arguments as a JSON list. */
export function callFrame(id: number, depth: number, method: string, args: readonly unknown[]): string {
  const text = args.length === 1 ? args[0] : undefined;
  if (typeof text === 'string' && text.isWellFormed()) return `call-text ${id} ${depth} ${headerName(method)}\n${text}`;
  return `call ${id} ${depth} ${headerName(method)}\n${JSON.stringify(args)}`;
}

/** A result: a well-formed string as text, undefined as no body, anything else as JSON (which escapes lone surrogates). */
export function resultFrame(id: number | string, value: unknown): string {
  if (typeof value === 'string' && value.isWellFormed()) return `result-text ${id}\n${value}`;
  return value === undefined ? `result ${id}` : `result ${id}\n${JSON.stringify(value)}`;
}

/** A callback to the host: its arguments always as a JSON list. */
export function hostCallFrame(id: number, depth: number, name: string, args: readonly unknown[]): string {
  return `host-call ${id} ${depth} ${headerName(name)}\n${JSON.stringify(args)}`;
}

/** A pong, with the plugin's load (section 9 of the protocol) as its body when it reports one. */
export function pongFrame(id: number, load: unknown): string {
  return load === undefined ? `pong ${id}` : `pong ${id}\n${JSON.stringify(load)}`;
}

export function errorFrame(id: number | string, error: SerializedError): string {
  return `error ${id}\n${JSON.stringify(error)}`;
}

/** A body that holds JSON, or none (undefined): PROTOCOL_ERROR if it is not JSON. */
export function parseBody(body: string, what: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PluginError('PROTOCOL_ERROR', `the body of ${what} is not JSON: ${JSON.stringify(body.slice(0, 32))}`);
  }
}

/** Decodes a frame's bytes strictly: bytes that are not UTF-8 are refused instead of turning into U+FFFD. */
export function frameText(frame: Buffer): string {
  if (!isUtf8(frame)) throw new PluginError('PROTOCOL_ERROR', `frame is not UTF-8 JSON or text: ${preview(frame)}`, { data: { bytes: frame.length } });
  return frame.toString('utf8');
}

/** The first bytes of a frame, for a message. */
export function preview(frame: Buffer): string {
  return JSON.stringify(frame.subarray(0, 32).toString('latin1'));
}
