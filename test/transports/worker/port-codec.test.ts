import { describe, expect, it } from 'vitest';
import { isHostMessage, isPluginMessage, type HostMessage, type PluginMessage } from '../../../src/core/wire.js';
import { fromPort, toPort } from '../../../transports/worker/port-codec.js';

const roundTrip = (message: HostMessage | PluginMessage) => fromPort(toPort(message));

describe('worker port codec', () => {
  it('carries the hot messages as strings and brings them back equal, every code unit as it was', () => {
    const text = 'a:1:\u0000\ud800😀\udc00\uffff';
    const hot: (HostMessage | PluginMessage)[] = [
      { type: 'call', id: 1, method: 'revert', args: [text], depth: 1 },
      { type: 'call', id: 2 ** 40, method: 'a:b:3:', args: [''], depth: 7 },
      { type: 'host-call', id: 99, name: 'getConfig', args: ['prefix'], depth: 2 },
      { type: 'result', id: 123_456, ok: true, value: text },
      { type: 'host-result', id: 5, ok: true, value: '' },
    ];
    for (const message of hot) {
      expect(typeof toPort(message)).toBe('string');
      expect(roundTrip(message)).toEqual(message);
    }
  });

  it('posts every other message as it is', () => {
    const cold: (HostMessage | PluginMessage)[] = [
      { type: 'call', id: 1, method: 'revert', args: [42], depth: 1 },
      { type: 'call', id: 1, method: 'revert', args: ['a', 'b'], depth: 1 },
      { type: 'result', id: 1, ok: true, value: null },
      { type: 'result', id: 1, ok: false, error: { code: 'PLUGIN_ERROR', message: 'no' } },
      { type: 'host-result', id: 1, ok: true, value: { a: 1 } },
      { type: 'ping', id: 3 },
      { type: 'cancel', id: 3 },
      { type: 'exit' },
    ];
    for (const message of cold) expect(toPort(message)).toBe(message);
  });

  it('hands back a string that is not one of its forms unchanged, for the receiver to refuse', () => {
    for (const garbage of ['', 'r', 'r:x', 'rx:1', 'q1:x', 'c1:1:99:revert', 'c1:x:6:revertab', 'c1:1::revert', 'c-1:1:1:x']) {
      const received = fromPort(garbage);
      expect(received).toBe(garbage);
      expect(isPluginMessage(received) || isHostMessage(received)).toBe(false);
    }
    expect(fromPort(42)).toBe(42);
  });
});
