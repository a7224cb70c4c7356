import { describe, expect, it } from 'vitest';
import type { HostMessage, PluginMessage } from '../../../src/core/wire.js';
import { decode, drain, encode, SPILL_UNITS } from '../../../transports/worker-sab/codec.js';
import { allocateShared, Ring, RING_UNITS, TO_HOST, TO_WORKER } from '../../../transports/worker-sab/ring.js';

/** A writer and a reader over the same memory, as the host and the worker hold them. */
function pair(direction = TO_WORKER) {
  const shared = allocateShared();
  return { writer: new Ring(shared, direction), reader: new Ring(shared, direction) };
}

describe('worker-sab rings', () => {
  it('carries every UTF-16 code unit as it is, lone surrogates and NUL included', () => {
    const { writer } = pair();
    const text = 'a\u0000\ud800😀\udc00\uffff';
    writer.writeText(10, text);
    expect(writer.readText(10, text.length)).toBe(text);
  });

  it('copies long text (the Buffer path) as exactly, and in the second ring too', () => {
    const { writer } = pair(TO_HOST);
    const text = '\udc00ab😀'.repeat(3000) + '\ud800';
    writer.writeText(7, text);
    expect(writer.readText(7, text.length)).toBe(text);
  });

  it('keeps records in order across many wrap-arounds', () => {
    const { writer, reader } = pair(TO_HOST);
    const seen: unknown[] = [];
    for (let i = 0; i < 5_000; i++) {
      const message = { type: 'result' as const, id: i + 70_000, ok: true as const, value: `answer ${i} ${'x'.repeat(i % 97)}` };
      expect(encode(writer, message)).toBe(true);
      drain(reader, (received) => seen.push(received));
      expect(seen.pop()).toEqual(message);
    }
  });

  it('refuses what it must not carry, so the caller spills it', () => {
    const { writer } = pair();
    expect(encode(writer, { type: 'call', id: 1, method: 'revert', args: [42], depth: 1 })).toBe(false);
    expect(encode(writer, { type: 'call', id: 1, method: 'revert', args: ['a', 'b'], depth: 1 })).toBe(false);
    expect(encode(writer, { type: 'call', id: 1, method: 'revert', args: ['x'.repeat(SPILL_UNITS + 1)], depth: 1 })).toBe(false);
    expect(encode(writer, { type: 'host-result', id: 1, ok: true, value: null })).toBe(false);
    expect(encode(writer, { type: 'result', id: 1, ok: false, error: { code: 'PLUGIN_ERROR', message: 'no' } })).toBe(false);
    expect(encode(writer, { type: 'result', id: 2 ** 32, ok: true, value: 'big id' })).toBe(false);
  });

  it('says when the ring is full instead of overwriting what the reader has not taken', () => {
    const { writer, reader } = pair();
    const call = { type: 'call' as const, id: 1, method: 'revert', args: ['y'.repeat(SPILL_UNITS)], depth: 1 };
    let written = 0;
    while (encode(writer, call)) written++;
    expect(written).toBe(Math.floor((RING_UNITS - 1) / (SPILL_UNITS + 12)));
    // Room comes back as the reader releases; a record that would wrap needs more than its own size free at the start.
    for (let taken = 0; taken < 2; taken++) {
      const at = reader.peek();
      expect(decode(reader, at)).toEqual(call);
      reader.release(at);
    }
    expect(encode(writer, call)).toBe(true);
  });

  it('decodes every hot-path message as the wire message it was', () => {
    const { writer, reader } = pair();
    const messages: Array<HostMessage | PluginMessage> = [
      { type: 'call', id: 3, method: 'revertWithPrefix', args: ['abc'], depth: 2 },
      { type: 'host-result', id: 4, ok: true, value: '>> ' },
      { type: 'ping', id: 5 },
      { type: 'cancel', id: 6 },
      { type: 'exit' },
      { type: 'host-call', id: 7, name: 'getConfig', args: ['prefix'], depth: 3 },
      { type: 'pong', id: 8 },
    ];
    for (const message of messages) expect(encode(writer, message)).toBe(true);
    const seen: unknown[] = [];
    drain(reader, (message) => seen.push(message));
    expect(seen).toEqual(messages);
  });

  it('reads repeated method names as the same text, and a different name of the same length as itself', () => {
    const { writer, reader } = pair();
    const names = ['revert', 'revert', 'fault:', 'revert', 'r', 'revertWithPrefix', 'revertWithPrefix'];
    const seen: unknown[] = [];
    for (const [id, method] of names.entries()) encode(writer, { type: 'call', id, method, args: ['x'], depth: 1 });
    drain(reader, (message) => seen.push((message as { method: string }).method));
    expect(seen).toEqual(names);
  });

  it("tells the writer whether the reader listens on the doorbell, in both rings' own flags", () => {
    const shared = allocateShared();
    const [hostReader, workerWriter] = [new Ring(shared, TO_HOST), new Ring(shared, TO_HOST)];
    const toWorker = new Ring(shared, TO_WORKER);
    expect(workerWriter.listening()).toBe(false);
    hostReader.listen(true);
    expect([workerWriter.listening(), toWorker.listening()]).toEqual([true, false]);
    hostReader.listen(false);
    expect(workerWriter.listening()).toBe(false);
  });
});
