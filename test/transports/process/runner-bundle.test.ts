/** A runner's one-file bundle runs only when it was built from the compiled files that are there now. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../../src/core/runtime-paths.js';
import { runnerFile } from '../../../transports/process/runner-bundle.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'plugbench-bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A runner entry in its own folder, with a manifest naming `package.json` as its one input. */
function entryWith(name: string, hash: string | undefined): string {
  const entry = path.join(dir, `${name}.js`);
  writeFileSync(entry, '');
  if (hash !== undefined) writeFileSync(path.join(dir, `${name}.inputs.json`), JSON.stringify({ bundle: `${name}.bundle.mjs`, inputs: { 'package.json': hash } }));
  return entry;
}

describe('runnerFile', () => {
  it('runs the bundle when its inputs are unchanged', () => {
    expect(runnerFile(entryWith('fresh', sha(packagePath('package.json'))))).toBe(path.join(dir, 'fresh.bundle.mjs'));
  });

  it('runs the runner itself when an input changed since the bundle was built', () => {
    const entry = entryWith('stale', '0'.repeat(64));
    expect(runnerFile(entry)).toBe(entry);
  });

  it('runs the runner itself when no bundle was built', () => {
    const entry = entryWith('unbundled', undefined);
    expect(runnerFile(entry)).toBe(entry);
  });
});
