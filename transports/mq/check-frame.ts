/**
 * What the mq plugin makes of one frame from a peer (docs/plugin-protocol.md,
 * "What a peer may and may not do"): a well-formed call passes on as a `call`,
 * the host's other messages as `wire` messages; a malformed one whose id can be
 * read (a decimal number in the header) is answered with a typed `error` frame
 * for that id, so its caller does not wait forever; the rest is dropped, and the
 * caller counts and logs it. Bytes that are not UTF-8 in a call are INVALID_INPUT for its id.
 */
import { isUtf8 } from 'node:buffer';
import { PluginError, serializeError, toPluginError } from '../../src/core/errors.js';
import { readCall } from '../../src/core/plugin/call-params.js';
import type { HostMessage } from '../../src/core/wire.js';
import { byteAt, bytesNumber, errorFrame, headerNumber, NEWLINE, parseBody, preview, SPACE, splitFrame, startsWithBytes, type FrameParts } from './codec.js';

export interface CheckedCall {
  id: number;
  method: string;
  args: unknown[];
  depth: number;
}

export type CheckedFrame = { call: CheckedCall } | { message: HostMessage } | { reply: string } | { drop: string };

const KINDS = 'call, call-text, host-result, host-error, ping, cancel or exit';

export function checkFrame(frame: Buffer | undefined): CheckedFrame {
  if (frame === undefined || frame.length === 0) return { drop: 'a message without a frame, or an empty one' };
  const wellFormed = isUtf8(frame);
  const call = wellFormed ? wellFormedTextCall(frame) : undefined;
  if (call) return { call };
  const parts = splitFrame(frame.toString('utf8'));
  if (parts.kind === 'exit') return { message: { type: 'exit' } };
  const id = headerNumber(parts.id);
  if (id === undefined) return { drop: `a frame without a decimal id: ${preview(frame)}` };
  try {
    if (parts.kind === 'call-text' || parts.kind === 'call') {
      if (!wellFormed) throw new PluginError('INVALID_INPUT', 'the frame is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes)');
      return { call: checkCall(parts, id) };
    }
    if (!wellFormed) throw protocolError(`the frame is not UTF-8: ${preview(frame)}`);
    return { message: otherMessage(parts, id) };
  } catch (error) {
    return { reply: errorFrame(id, serializeError(toPluginError(error, 'PROTOCOL_ERROR'))) };
  }
}

const TEXT_CALL = Buffer.from('call-text ', 'latin1');
/** The method name of the last text call, and its bytes: one plugin is called with few names, and a name kept keeps its hash. */
let lastMethod = { name: '', bytes: Buffer.alloc(0) };

/**
 * What a host sends most, read off the bytes (codec.ts): `call-text ID DEPTH METHOD`, an
 * id and a depth from 1, the text its one argument (the frame is strict UTF-8, so it
 * holds no lone surrogate: what readCall would pass). Anything else is for the general
 * path to judge.
 */
function wellFormedTextCall(frame: Buffer): CheckedCall | undefined {
  if (!startsWithBytes(frame, TEXT_CALL)) return undefined;
  const idEnd = byteAt(frame, SPACE, TEXT_CALL.length, TEXT_CALL.length + 16);
  const depthEnd = idEnd < 0 ? -1 : byteAt(frame, SPACE, idEnd + 1, idEnd + 17);
  const end = depthEnd < 0 ? -1 : byteAt(frame, NEWLINE, depthEnd + 1);
  if (end < 0 || depthEnd + 1 >= end) return undefined;
  const id = bytesNumber(frame, TEXT_CALL.length, idEnd);
  const depth = bytesNumber(frame, idEnd + 1, depthEnd);
  if (id === undefined || depth === undefined || depth < 1) return undefined;
  return { id, method: methodName(frame, depthEnd + 1, end), args: [frame.toString('utf8', end + 1)], depth };
}

function methodName(frame: Buffer, from: number, to: number): string {
  const { name, bytes } = lastMethod;
  if (to - from === bytes.length && startsWithBytes(frame, bytes, from)) return name;
  const decoded = frame.toString('utf8', from, to);
  lastMethod = { name: decoded, bytes: Buffer.from(frame.subarray(from, to)) };
  return decoded;
}

function checkCall(parts: FrameParts, id: number): CheckedCall {
  const { kind, depth, name: method, body } = parts;
  if (method === '') throw protocolError('a call needs a method name after its depth');
  const level = headerNumber(depth);
  if (level === undefined || level < 1) throw new PluginError('INVALID_INPUT', `depth must be an integer from 1, got ${JSON.stringify(depth)}`);
  if (kind === 'call-text') return { id, method, args: [body], depth: level };
  const { args } = readCall(method, parseBody(body, 'a call'), level);
  return { id, method, args, depth: level };
}

/** The host's messages besides calls; a host answer the plugin cannot read fails that callback, typed. */
function otherMessage({ kind, body }: FrameParts, id: number): HostMessage {
  switch (kind) {
    case 'ping':
    case 'cancel':
      return { type: kind, id };
    case 'host-result':
    case 'host-error':
      try {
        const value = parseBody(body, `a ${kind}`);
        return kind === 'host-result' ? { type: 'host-result', id, ok: true, value } : { type: 'host-result', id, ok: false, error: PluginError.fromJSON(value).toJSON() };
      } catch (error) {
        return { type: 'host-result', id, ok: false, error: serializeError(toPluginError(error, 'PROTOCOL_ERROR')) };
      }
    default:
      throw protocolError(`unknown frame kind ${JSON.stringify(kind.slice(0, 32))}: expected ${KINDS}`);
  }
}

function protocolError(why: string): PluginError {
  return new PluginError('PROTOCOL_ERROR', why);
}
