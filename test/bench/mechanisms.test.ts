/**
 * Every bare mechanism peer, through the target that names it: it starts, runs
 * the target's own sample plugin (the right reversal, emoji whole, newlines
 * kept), and stops for good (its process gone, its worker thread ended, its
 * private socket folder removed); a
 * second stop is harmless. Peers of targets unavailable here are skipped with the reason.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { revertText, SEED_TEXT } from '../../src/core/contract.js';
import type { Mechanism } from '../../src/core/descriptor.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { MECHANISMS, startBarePeer } from '../../src/bench/mechanisms/index.js';
import type { BarePeer } from '../../src/bench/mechanisms/peer.js';
import { listTargets } from '../../transports/catalog.js';
import { isRunning, threadCount, waitUntilGone } from '../helpers/process.js';

const TEXTS = [SEED_TEXT, 'a😀\nb', ''];

/** The private socket folders this process's bare peers made (grpc-js-uds, go-plugin-grpc). */
const socketDirs = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('plugbench-bare-') && name.includes(`-${process.pid}-`));

/** The first target whose descriptor names the mechanism: its sample plugin is what the peer runs. */
function targetOf(mechanism: Mechanism) {
  return listTargets().find((entry) => entry.descriptor.mechanism === mechanism)?.descriptor;
}

describe('bare mechanism peers', () => {
  it('has a peer for every mechanism a descriptor names, and a descriptor for every peer', () => {
    const named = new Set(listTargets().flatMap((entry) => (entry.descriptor.mechanism ? [entry.descriptor.mechanism] : [])));
    expect([...named].sort()).toEqual(Object.keys(MECHANISMS).sort());
  });

  for (const mechanism of Object.keys(MECHANISMS) as Mechanism[]) {
    it(`${mechanism}: reverts with the target's plugin and stops cleanly`, async (test) => {
      const descriptor = targetOf(mechanism)!;
      const availability = (await descriptor.availability?.()) ?? { available: true };
      if (!availability.available) return test.skip(`${descriptor.name} is unavailable here: ${availability.reason}`);
      const threads = threadCount();
      let peer: BarePeer | undefined;
      try {
        peer = await startBarePeer(mechanism, { pluginFile: pluginFile(descriptor) });
        for (const text of TEXTS) expect(await peer.call(text)).toBe(revertText(text));
      } finally {
        await peer?.stop();
      }
      await peer.stop();
      expect(socketDirs()).toEqual([]);
      if (peer.pid !== undefined) expect(await waitUntilGone(peer.pid, 5_000)).toBe(true);
      if (mechanism === 'post-message') expect(threadCount()).toBe(threads);
      if (peer.pid !== undefined) expect(isRunning(peer.pid)).toBe(false);
    });
  }
});
