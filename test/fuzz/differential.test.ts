/**
 * The differential fuzz: seeded random strings (astral, combining marks, ZWJ
 * sequences, NUL, U+FEFF, lone surrogates, up to 64 KiB) through every available
 * target, each answer compared with an independent reversal by code point
 * (test/helpers/random-text.ts); a lone surrogate must come back INVALID_INPUT.
 * Cost: a few hundred strings per process target, more through the cheap
 * in-process and embedded ones; about 30-60 s for all 19 targets on 2 cores.
 * A failure prints its seed: replay it with PLUGBENCH_FUZZ_SEED=<seed>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginError } from '../../src/core/errors.js';
import { createHostFunctions } from '../../src/core/host-api.js';
import type { PluginHandle } from '../../src/core/transport.js';
import { randomTexts, reverseByCodePoint, type FuzzCase } from '../helpers/random-text.js';
import { loadAllTargets } from '../helpers/targets.js';

const SEED = Number(process.env.PLUGBENCH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
/** Strings per target, by family: a process call costs a round trip, an in-process one a function call. */
const COUNTS: Record<string, number> = { process: 400, thread: 1000, embedded: 1500, 'in-process': 3000 };
const IN_FLIGHT = 8;
const targets = await loadAllTargets();

interface Mismatch {
  index: number;
  input: string;
  expected: string;
  got: string;
}

/** Sends every case with IN_FLIGHT calls at a time; returns what did not match. */
async function fuzz(plugin: PluginHandle, cases: FuzzCase[]): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < cases.length; index = next++) {
      const { text, lone } = cases[index]!;
      const expected = lone ? 'INVALID_INPUT' : reverseByCodePoint(text)!;
      const got = await plugin.call<string>('revert', [text]).then(
        (value) => value,
        (error: unknown) => (PluginError.is(error) ? error.code : `thrown ${String(error)}`),
      );
      if (got !== expected) mismatches.push({ index, input: preview(text), expected: preview(expected), got: preview(String(got)) });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return mismatches;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}... (${text.length} units)` : text);
}

for (const { name, target, availability } of targets) {
  describe.skipIf(!availability.available)(`differential fuzz: ${name}${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
    let plugin: PluginHandle;
    beforeAll(async () => {
      plugin = await target.start({ hostFunctions: createHostFunctions() });
    }, 60_000);
    afterAll(async () => {
      await plugin?.stop();
    });

    it('answers every random string as the reference does', async () => {
      // Each target gets its own stream of the run's seed, so one target's failure replays alone.
      const cases = randomTexts(SEED ^ hash(name), COUNTS[target.family] ?? 250);
      const mismatches = await fuzz(plugin, cases);
      expect(mismatches, `seed ${SEED} (replay: PLUGBENCH_FUZZ_SEED=${SEED} npx vitest run test/fuzz/differential.test.ts -t ${name})`).toEqual([]);
    }, 120_000);
  });
}

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}
