import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults } from '../../src/results/load-results.js';
import { expectCode } from '../helpers/expect-code.js';
import { makeResults, useTempDir } from '../helpers/bench-results.js';

const tempDir = useTempDir();

/** Loading must fail with INVALID_INPUT, on one line, naming the file and the problem. */
async function expectRefused(file: string, problem: RegExp): Promise<void> {
  const error = await expectCode(loadResults(file), 'INVALID_INPUT');
  expect(error.message).toContain(file);
  expect(error.message).toMatch(problem);
  expect(error.message).not.toContain('\n');
}

describe('loadResults', () => {
  it('reads back what was written', async () => {
    const results = makeResults();
    expect(await loadResults(await tempDir().write('ok.json', results))).toEqual(results);
  });

  it('refuses a missing file', async () => {
    await expectRefused(path.join(tempDir().dir, 'nope.json'), /no such file/);
  });

  it('refuses a file that is not JSON, such as one cut short', async () => {
    const text = JSON.stringify(makeResults());
    await expectRefused(await tempDir().write('cut.json', text.slice(0, text.length / 2)), /not valid JSON/);
  });

  it('refuses an unreadable path (a folder)', async () => {
    await expectRefused(tempDir().dir, /cannot be read \(EISDIR\)/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file it may not read', async () => {
    const file = await tempDir().write('secret.json', makeResults());
    await chmod(file, 0o000);
    await expectRefused(file, /cannot be read \(EACCES\)/);
  });

  it('names the field that has the wrong shape', async () => {
    const results = makeResults();
    (results.results[3]!.samples as unknown[])[2] = 'fast';
    await expectRefused(await tempDir().write('bad-sample.json', results), /results\[3\]\.samples\[2\]: .*expected number/);
  });

  it('names a missing field and counts the other problems', async () => {
    const results = makeResults() as unknown as Record<string, unknown>;
    delete results.machine;
    results.results = 'none';
    await expectRefused(await tempDir().write('no-machine.json', results), /machine: missing \(expected object\) \(and 1 more problem\)/);
  });

  it('refuses a bad enum value, such as better: "faster"', async () => {
    const results = makeResults();
    (results.results[0] as { better: string }).better = 'faster';
    await expectRefused(await tempDir().write('bad-better.json', results), /results\[0\]\.better/);
  });

  it('refuses a schema version it cannot read, saying which it reads', async () => {
    await expectRefused(await tempDir().write('v9.json', { ...makeResults(), schemaVersion: 9 }), /schemaVersion 9 .* reads version 2; measure it again with this version/);
    // A file from before runs were the unit (schema 1) gets the same one line.
    await expectRefused(await tempDir().write('v1.json', { ...makeResults(), schemaVersion: 1 }), /schemaVersion 1 cannot be read/);
  });

  it('refuses JSON that is not an object', async () => {
    await expectRefused(await tempDir().write('array.json', [1, 2]), /the file: /);
  });
});
