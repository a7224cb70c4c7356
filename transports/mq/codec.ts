/**
 * The bytes of one ZeroMQ frame: UTF-8 JSON of a `wire` message. JSON, not
 * MessagePack: on call-sized messages it encodes and decodes faster in Node and
 * needs no package in any plugin language (Python's json is in the standard
 * library); the README has the measurements (scripts/measure-mq-codec.mjs).
 */
import { PluginError } from '../../src/core/errors.js';

/** Strict: invalid UTF-8 throws instead of turning into U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeFrame(message: unknown): Buffer {
  return Buffer.from(JSON.stringify(message), 'utf8');
}

/** Parses one frame; anything that is not UTF-8 JSON is a PROTOCOL_ERROR naming its first bytes. */
export function decodeFrame(frame: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(frame)) as unknown;
  } catch (error) {
    throw new PluginError('PROTOCOL_ERROR', `frame is not UTF-8 JSON (${(error as Error).message}): ${preview(frame)}`, {
      data: { bytes: frame.length },
    });
  }
}

function preview(frame: Buffer): string {
  return JSON.stringify(frame.subarray(0, 32).toString('latin1'));
}
