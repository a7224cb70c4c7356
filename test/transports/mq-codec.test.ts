import { describe, expect, it } from 'vitest';
import { PluginError } from '../../src/core/errors.js';
import { checkFrame } from '../../transports/mq/check-frame.js';
import { resultFrame } from '../../transports/mq/codec.js';
import { decodePluginFrame, encodeHostMessage } from '../../transports/mq/host-frames.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('mq frames', () => {
  it('carries a text argument with astral characters, NULs and a real U+FFFD as plain text, and back', () => {
    const text = 'a😀\u0000日\ufffd\nnext line';
    const frame = encodeHostMessage({ type: 'call', id: 7, method: 'revert', args: [text], depth: 2 });
    expect(frame).toBe(`call-text 7 2 revert\n${text}`);
    expect(checkFrame(bytes(frame))).toEqual({ call: { id: 7, method: 'revert', args: [text], depth: 2 } });
    expect(decodePluginFrame(bytes(resultFrame(7, text)))).toEqual({ type: 'result', id: 7, ok: true, value: text });
  });

  it('sends a lone surrogate, other arguments and other results as JSON, which escapes it', () => {
    expect(encodeHostMessage({ type: 'call', id: 1, method: 'revert', args: ['a\ud800'], depth: 1 })).toBe('call 1 1 revert\n["a\\ud800"]');
    expect(encodeHostMessage({ type: 'call', id: 2, method: 'add', args: [1, 2], depth: 1 })).toBe('call 2 1 add\n[1,2]');
    expect(decodePluginFrame(bytes(resultFrame(3, { n: 1 })))).toEqual({ type: 'result', id: 3, ok: true, value: { n: 1 } });
    expect(decodePluginFrame(bytes(resultFrame(4, undefined)))).toEqual({ type: 'result', id: 4, ok: true, value: undefined });
  });

  it('refuses bytes that are not UTF-8 with PROTOCOL_ERROR instead of turning them into U+FFFD', () => {
    const error = thrown(() => decodePluginFrame(Buffer.from([0x72, 0xff, 0x22])));
    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).code).toBe('PROTOCOL_ERROR');
  });

  it('refuses a frame that is not of the wire with PROTOCOL_ERROR naming its first bytes', () => {
    expect(() => decodePluginFrame(bytes('garbage'))).toThrow(/not the protocol.*garbage/);
    expect(() => decodePluginFrame(bytes('{"type":"result","id":1,"ok":true,"value":"x"}'))).toThrow(PluginError);
    expect(() => decodePluginFrame(bytes('error 1\n{"nope":1}'))).toThrow(/not \{code, message, data\}/);
  });

  it('reads text calls off their bytes with any method name, in any order, as the general path would', () => {
    for (const method of ['revert', 'revertWithPrefix', 'revert', 'überprüfe', 'name with spaces', 'revert']) {
      expect(checkFrame(bytes(`call-text 12 3 ${method}\n日本`))).toEqual({ call: { id: 12, method, args: ['日本'], depth: 3 } });
    }
    expect(checkFrame(bytes('call-text 5 1 revert\n'))).toEqual({ call: { id: 5, method: 'revert', args: [''], depth: 1 } });
    // Not a well-formed text call: the general path answers or drops it, as before.
    expect(checkFrame(bytes('call-text 5 0 revert\nx'))).toMatchObject({ reply: expect.stringMatching(/^error 5\n.*INVALID_INPUT/) });
    expect(checkFrame(bytes('call-text 5 1 \nx'))).toMatchObject({ reply: expect.stringMatching(/^error 5\n.*PROTOCOL_ERROR/) });
    expect(checkFrame(bytes('call-text 1234567890123456 1 revert\nx'))).toMatchObject({ drop: expect.stringMatching(/decimal id/) });
    expect(checkFrame(bytes('call-text -5 1 revert\nx'))).toMatchObject({ drop: expect.stringMatching(/decimal id/) });
    expect(checkFrame(Buffer.concat([bytes('call-text 5 1 revert\n'), Buffer.from([0xed, 0xa0, 0x80])]))).toMatchObject({ reply: expect.stringMatching(/^error 5\n.*INVALID_INPUT/) });
  });

  it('reads text results off their bytes, and leaves anything else to the general path', () => {
    expect(decodePluginFrame(bytes('result-text 42\n😀 x'))).toEqual({ type: 'result', id: 42, ok: true, value: '😀 x' });
    expect(decodePluginFrame(bytes('result-text 42'))).toEqual({ type: 'result', id: 42, ok: true, value: '' });
    expect(() => decodePluginFrame(bytes('result-text x1\nabc'))).toThrow(/not the protocol/);
    expect((thrown(() => decodePluginFrame(Buffer.concat([bytes('result-text 1\n'), Buffer.from([0xff])]))) as PluginError).code).toBe('PROTOCOL_ERROR');
  });

  it('refuses a method name that would end the header line', () => {
    expect((thrown(() => encodeHostMessage({ type: 'call', id: 1, method: 'a\nb', args: [], depth: 1 })) as PluginError).code).toBe('INVALID_INPUT');
  });
});
