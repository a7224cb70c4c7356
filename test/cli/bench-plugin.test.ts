/** `plugbench bench --plugin` and `--require-signed` through the real binary. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/results/types.js';
import { PUBLIC_KEY_FILE } from '../../src/core/integrity/key-files.js';
import { runPlugbench } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/signing.js';

const RIGHT = 'export function revert(t) { return Array.from(t).reverse().join(""); }\nexport function exit() {}\n';
/** Right on the host's thread, wrong (code units) in a worker thread. */
const WRONG_IN_WORKERS = `import { isMainThread } from 'node:worker_threads';
export function revert(t) { return isMainThread ? Array.from(t).reverse().join('') : t.split('').reverse().join(''); }
export function exit() {}
`;

const QUICK_LATENCY = ['--suites', 'latency', '--quick', '--format', 'json'];

describe('plugbench bench --plugin', () => {
  it('measures the plugin on every selected target that takes it, skips the rest with the reason, and records the file', async () => {
    await using dir = await tempDir();
    const file = path.join(dir.path, 'my-plugin.mjs');
    await writeFile(file, WRONG_IN_WORKERS);
    const out = path.join(dir.path, 'results.json');
    const run = await runPlugbench(['bench', '--plugin', file, '--targets', 'dynamic-import,worker,vm', ...QUICK_LATENCY, '--out', out]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('skipped vm: vm cannot run my-plugin.mjs: it takes js-script plugins (.js, .cjs)');
    const results = JSON.parse(await readFile(out, 'utf8')) as BenchResults;
    expect(results.options.plugin).toEqual({ path: file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(results.options.targets).toEqual(['dynamic-import']);
    expect(results.results.find((row) => row.target === 'dynamic-import' && row.metric === 'round-trip')!.status).toBe('ok');
    const worker = results.results.filter((row) => row.target === 'worker');
    expect(worker).toEqual([expect.objectContaining({ status: 'failed', note: expect.stringMatching(/^not measured: PLUGIN_ERROR: revert\(.*\) answered .* expected/) })]);
  });

  it('exits 2 with one line, writing nothing, when the plugin is wrong on every target', async () => {
    await using dir = await tempDir();
    const file = path.join(dir.path, 'wrong.mjs');
    await writeFile(file, WRONG_IN_WORKERS);
    const run = await runPlugbench(['bench', '--plugin', file, '--targets', 'worker', ...QUICK_LATENCY, '--out', path.join(dir.path, 'results.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^plugbench: PLUGIN_ERROR: no target can run wrong\.mjs, so nothing was measured: worker: revert\(/)]);
    expect(await readdir(dir.path)).toEqual(['wrong.mjs']);
  });
});

describe('plugbench bench --require-signed', () => {
  it.each([[['--require-signed']], [[]]])('exits 2 with one line when every target refuses its unsigned plugin (extra flags: %j; --pub alone implies it)', async (extra) => {
    await using dir = await tempDir();
    expect((await runPlugbench(['keygen', '--out', dir.path])).exitCode).toBe(0);
    const file = path.join(dir.path, 'plugin', 'my-plugin.mjs');
    await (await import('node:fs/promises')).mkdir(path.dirname(file));
    await writeFile(file, RIGHT);
    const run = await runPlugbench(['bench', ...extra, '--pub', path.join(dir.path, PUBLIC_KEY_FILE), '--plugin', file, '--targets', 'dynamic-import,worker', ...QUICK_LATENCY, '--out', path.join(dir.path, 'results.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^plugbench: INTEGRITY_FAILED: no target can run my-plugin\.mjs, so nothing was measured: dynamic-import: plugin folder .* is not signed.* \(and 1 more target\)/)]);
    expect((await readdir(dir.path)).sort()).toEqual(['plugbench-signing.key', 'plugbench-signing.pub', 'plugin']);
  });
});
