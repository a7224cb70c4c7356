import { describe, expect, it } from 'vitest';
import { revertText, SEED_TEXT } from '../../src/core/contract.js';
import { CHANNELS } from '../../src/bench/floors/index.js';
import { FLOOR_KINDS } from '../../src/bench/floors/peers.js';
import { isRunning } from '../helpers/process.js';


describe('raw channel floors', () => {
  it('has a floor for every channel a target can declare', () => {
    expect(CHANNELS.sort()).toEqual(['function', 'message-port', 'pipe', 'shared-memory', 'tcp', 'unix', 'zeromq']);
  });

  for (const channel of CHANNELS) {
    it(`${channel}: the minimal peer reverts text (emoji whole, newlines kept) and stops for good`, async () => {
      const peer = await FLOOR_KINDS[channel].start();
      try {
        expect(await peer.roundTrip(SEED_TEXT)).toBe(revertText(SEED_TEXT));
        expect(await peer.roundTrip('a😀\nb')).toBe('b\n😀a');
      } finally {
        await peer.stop();
      }
      if (peer.pid !== undefined) expect(isRunning(peer.pid)).toBe(false);
    });
  }
});
