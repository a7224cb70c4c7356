import { describe, expect, it } from 'vitest';
import { PluginError } from '../../src/core/errors.js';
import { decodeFrame, encodeFrame } from '../../transports/mq/codec.js';

describe('mq frame codec', () => {
  it('round-trips a call message with astral characters, NULs and a real U+FFFD', () => {
    const message = { type: 'call', id: 7, method: 'revert', args: ['a😀\u0000日\ufffd'], depth: 1 };
    expect(decodeFrame(encodeFrame(message))).toEqual(message);
  });

  it('refuses bytes that are not UTF-8 with PROTOCOL_ERROR instead of turning them into U+FFFD', () => {
    const error = (() => {
      try {
        decodeFrame(Buffer.from([0x22, 0xff, 0x22]));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).code).toBe('PROTOCOL_ERROR');
  });

  it('refuses UTF-8 that is not JSON with PROTOCOL_ERROR naming the first bytes', () => {
    expect(() => decodeFrame(Buffer.from('garbage'))).toThrow(/not UTF-8 JSON.*garbage/);
  });
});
