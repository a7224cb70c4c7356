/**
 * The bytes of one ZeroMQ frame: UTF-8 JSON of a `wire` message. JSON, not
 * MessagePack: on call-sized messages it encodes and decodes faster in Node and
 * needs no package in any plugin language (Python's json is in the standard
 * library); the README has the measurements (scripts/measure-mq-codec.mjs).
 */
import { isUtf8 } from 'node:buffer';
import { PluginError } from '../../src/core/errors.js';

/**
 * One message as the text of its frame. The sockets take it as is: zeromq writes
 * a string as UTF-8 itself, cheaper than a Buffer.from in JavaScript. JSON.stringify
 * escapes lone surrogates, so the text is always well-formed.
 */
export function frameText(message: unknown): string {
  return JSON.stringify(message);
}

/** The bytes of one frame, as they cross the wire. */
export function encodeFrame(message: unknown): Buffer {
  return Buffer.from(frameText(message), 'utf8');
}

/** Parses one frame; anything that is not UTF-8 JSON is a PROTOCOL_ERROR naming its first bytes. */
export function decodeFrame(frame: Buffer): unknown {
  try {
    // Strict: invalid UTF-8 is refused instead of turning into U+FFFD.
    if (!isUtf8(frame)) throw new Error('invalid UTF-8');
    return JSON.parse(frame.toString('utf8')) as unknown;
  } catch (error) {
    throw new PluginError('PROTOCOL_ERROR', `frame is not UTF-8 JSON (${(error as Error).message}): ${preview(frame)}`, {
      data: { bytes: frame.length },
    });
  }
}

function preview(frame: Buffer): string {
  return JSON.stringify(frame.subarray(0, 32).toString('latin1'));
}
