/**
 * What the mq plugin makes of one frame from a peer (docs/plugin-protocol.md,
 * "What a peer may and may not do"): a well-formed host message passes on; a
 * malformed one with an id that can be read (a number, or a string) is answered
 * with a typed error `result` for that id, so its caller does not wait forever;
 * the rest (no id, not JSON, not an object) is dropped, and the caller counts
 * and logs it. Bytes that are not UTF-8 in a call are INVALID_INPUT for its id.
 */
import { isUtf8 } from 'node:buffer';
import { PluginError, serializeError, toPluginError } from '../../src/core/errors.js';
import { readCall } from '../../src/core/plugin/call-params.js';
import { isHostMessage, type HostMessage } from '../../src/core/wire.js';

export type ErrorReply = { type: 'result'; id: number | string; ok: false; error: ReturnType<typeof serializeError> };
export type CheckedFrame = { message: HostMessage } | { reply: ErrorReply } | { drop: string };

const NEEDS_NUMERIC_ID = new Set(['call', 'host-result', 'ping', 'cancel']);

export function checkFrame(frame: Buffer | undefined): CheckedFrame {
  if (frame === undefined) return { drop: 'a message without a frame' };
  let value: unknown;
  try {
    value = JSON.parse(frame.toString('utf8'));
  } catch {
    return { drop: `a frame that is not JSON: ${JSON.stringify(frame.subarray(0, 32).toString('latin1'))}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { drop: 'a frame that is not a JSON object' };
  const message = value as Record<string, unknown>;
  const id = message.id;
  const readableId = (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'string' ? id : undefined;
  const refuse = (error: PluginError): CheckedFrame => (readableId === undefined ? { drop: error.message } : { reply: errorReply(readableId, error) });
  const type = message.type;
  if (typeof type !== 'string' || (!NEEDS_NUMERIC_ID.has(type) && type !== 'exit')) {
    return refuse(protocolError(`unknown message type ${JSON.stringify(type) ?? '(none)'}: expected call, host-result, ping, cancel or exit`));
  }
  if (NEEDS_NUMERIC_ID.has(type) && typeof id !== 'number') return refuse(protocolError(`a ${type} needs a numeric id, got ${JSON.stringify(id) ?? 'none'}`));
  if (type === 'call') return checkCall(message, id as number, isUtf8(frame));
  return isHostMessage(message) ? { message } : { drop: `a malformed ${type}` };
}

function checkCall(message: Record<string, unknown>, id: number, wellFormed: boolean): CheckedFrame {
  if (typeof message.method !== 'string') return { reply: errorReply(id, protocolError('a call needs a method name (a string)')) };
  if (!wellFormed) return { reply: errorReply(id, new PluginError('INVALID_INPUT', 'the frame is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes)')) };
  try {
    const { args, depth } = readCall(message.method, message.args, message.depth);
    return { message: { type: 'call', id, method: message.method, args, depth } };
  } catch (error) {
    return { reply: errorReply(id, toPluginError(error, 'INVALID_INPUT')) };
  }
}

function errorReply(id: number | string, error: PluginError): ErrorReply {
  return { type: 'result', id, ok: false, error: serializeError(error) };
}

function protocolError(why: string): PluginError {
  return new PluginError('PROTOCOL_ERROR', why);
}
