/**
 * The host's side of the ZeroMQ wire (codec.ts): the host's `wire` messages as
 * frames, and the plugin's frames back as `wire` messages for the MessageClient.
 * Anything the plugin sends that is not one of its frames is a PROTOCOL_ERROR.
 */
import { isUtf8 } from 'node:buffer';
import { isSerializedError, PluginError } from '../../src/core/errors.js';
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';
import { byteAt, bytesNumber, callFrame, frameText, headerNumber, NEWLINE, parseBody, splitFrame, startsWithBytes, type FrameParts } from './codec.js';

/** One host message as the text of its frame (zeromq writes a string as UTF-8 itself). */
export function encodeHostMessage(message: HostMessage): string {
  switch (message.type) {
    case 'call':
      return callFrame(message.id, message.depth, message.method, message.args);
    case 'host-result':
      return message.ok ? `host-result ${message.id}\n${JSON.stringify(message.value ?? null)}` : `host-error ${message.id}\n${JSON.stringify(message.error)}`;
    case 'exit':
      return 'exit';
    default:
      return `${message.type} ${message.id}`;
  }
}

const DECODERS: Record<string, (parts: FrameParts, id: number) => PluginMessage> = {
  'result-text': ({ body }, id) => ({ type: 'result', id, ok: true, value: body }),
  result: ({ body }, id) => ({ type: 'result', id, ok: true, value: parseBody(body, 'a result') }),
  error: ({ body }, id) => {
    const error = parseBody(body, 'an error');
    if (!isSerializedError(error)) throw refused(`an error that is not {code, message, data}: ${JSON.stringify(body.slice(0, 64))}`);
    return { type: 'result', id, ok: false, error };
  },
  'host-call': ({ depth, name, body }, id) => {
    const args = parseBody(body, 'a host-call');
    const level = headerNumber(depth);
    if (!Array.isArray(args) || level === undefined || name === '') throw refused(`a malformed host-call: depth ${JSON.stringify(depth)}, name ${JSON.stringify(name)}`);
    return { type: 'host-call', id, name, args, depth: level };
  },
  pong: ({ body }, id) => {
    const load = parseBody(body, 'a pong');
    return load === undefined ? { type: 'pong', id } : { type: 'pong', id, load };
  },
};

const TEXT_RESULT = Buffer.from('result-text ', 'latin1');

/** One frame from the plugin as a `wire` message; PROTOCOL_ERROR for anything else. */
export function decodePluginFrame(frame: Buffer): PluginMessage {
  const fast = textResult(frame);
  if (fast) return fast;
  const parts = splitFrame(frameText(frame));
  const decode = Object.hasOwn(DECODERS, parts.kind) ? DECODERS[parts.kind] : undefined;
  const id = headerNumber(parts.id);
  if (!decode || id === undefined) throw refused(`a frame that is not the protocol: ${JSON.stringify(parts.kind.slice(0, 32))} with id ${JSON.stringify(parts.id.slice(0, 32))}`);
  return decode(parts, id);
}

/** What a plugin sends most, `result-text ID` and the text, read off the bytes (codec.ts); undefined for the general path. */
function textResult(frame: Buffer): PluginMessage | undefined {
  if (!startsWithBytes(frame, TEXT_RESULT)) return undefined;
  const end = byteAt(frame, NEWLINE, TEXT_RESULT.length, TEXT_RESULT.length + 16);
  const id = end < 0 ? undefined : bytesNumber(frame, TEXT_RESULT.length, end);
  if (id === undefined || !isUtf8(frame)) return undefined;
  return { type: 'result', id, ok: true, value: frame.toString('utf8', end + 1) };
}

function refused(why: string): PluginError {
  return new PluginError('PROTOCOL_ERROR', why);
}
