/**
 * `bench --plugin` through runBench, on targets whose plugins live in memory: the
 * targets that take the file's kind run it, the others are skipped with the
 * reason, a plugin that answers wrong is failed rows (never a fast one), and the
 * results name the file and its SHA-256.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/run-bench.js';
import { CHECK_INPUTS } from '../../src/bench/user-plugin.js';
import { revertText } from '../../src/core/contract.js';
import { registerTarget } from '../../transports/catalog.js';
import { expectCode } from '../helpers/expect-code.js';
import { memoryDescriptor, memoryPlugin } from '../helpers/memory-connection.js';
import { keyPair, tempDir } from '../helpers/signing.js';

const PLUGIN_SOURCE = 'export function revert(t) { return Array.from(t).reverse().join(""); }\nexport function exit() {}\n';

/** Reverses UTF-16 code units: right on ASCII, wrong on every astral character. */
const byCodeUnit = { revert: ([text]: unknown[]) => String(text).split('').reverse().join('') };

registerTarget(memoryDescriptor('test-right', memoryPlugin()));
registerTarget(memoryDescriptor('test-code-units', memoryPlugin({ methods: byCodeUnit })));
registerTarget(memoryDescriptor('test-python-only', memoryPlugin(), { plugin: { language: 'python', sampleFile: 'sample-plugins/python/revert_plugin.py', accepts: ['python'] } }));
registerTarget(memoryDescriptor('test-no-prefix', memoryPlugin({ methods: { revertWithPrefix: undefined as never } })));

async function pluginFile(dir: string): Promise<string> {
  const file = path.join(dir, 'my-plugin.mjs');
  await writeFile(file, PLUGIN_SOURCE);
  return file;
}

describe('runBench with a user plugin', () => {
  it('checks the answers first: a plugin reversing code units is failed rows with the reason, the right one is measured', async () => {
    await using dir = await tempDir();
    const file = await pluginFile(dir.path);
    const results = await runBench({ quick: true, targets: ['test-code-units', 'test-right'], suites: ['latency', 'throughput'], startOptions: { pluginPath: file } });
    const wrong = results.results.filter((row) => row.target === 'test-code-units');
    expect(wrong.map((row) => [row.suite, row.status])).toEqual([
      ['latency', 'failed'],
      ['throughput', 'failed'],
    ]);
    expect(wrong[0]!.note).toMatch(/^not measured: PLUGIN_ERROR: revert\(.*\) answered .*, expected .* \(reversed by code point/);
    expect(results.results.filter((row) => row.target === 'test-right' && row.status === 'ok').length).toBeGreaterThan(1);
    expect(results.options.targets).toEqual(['test-right']);
    expect(results.options.plugin).toEqual({ path: file, sha256: createHash('sha256').update(PLUGIN_SOURCE).digest('hex') });
  });

  it('checks astral, combining and ZWJ input, on which a code-unit reversal goes wrong', () => {
    expect(CHECK_INPUTS.some((input) => input.split('').reverse().join('') !== revertText(input))).toBe(true);
  });

  it('skips a target that does not take the file, with the reason, and leaves out the effort suite (it counts the samples)', async () => {
    await using dir = await tempDir();
    const results = await runBench({ quick: true, targets: ['test-python-only', 'test-right'], suites: ['latency', 'effort'], startOptions: { pluginPath: await pluginFile(dir.path) } });
    expect(results.skipped).toEqual([{ target: 'test-python-only', reason: 'test-python-only cannot run my-plugin.mjs: it takes python plugins (.py)' }]);
    expect(results.options.suites).toEqual(['latency']);
    expect(new Set(results.results.map((row) => row.target))).toEqual(new Set(['test-right', 'floor:function']));
  });

  it('reports a plugin without the optional revertWithPrefix as not supported, not failed', async () => {
    await using dir = await tempDir();
    const results = await runBench({ quick: true, targets: ['test-no-prefix'], suites: ['callback'], startOptions: { pluginPath: await pluginFile(dir.path) } });
    expect(results.results).toEqual([expect.objectContaining({ suite: 'callback', status: 'not-supported', note: expect.stringContaining('does not offer revertWithPrefix') })]);
  });

  it('stops with the reason when no target is left to measure', async () => {
    await using dir = await tempDir();
    const file = await pluginFile(dir.path);
    const wrong = await expectCode(runBench({ quick: true, targets: ['test-code-units'], suites: ['latency'], startOptions: { pluginPath: file } }), 'PLUGIN_ERROR');
    expect(wrong.message).toMatch(/^no target can run my-plugin\.mjs, so nothing was measured: test-code-units: revert\(/);
    const kind = await expectCode(runBench({ quick: true, targets: ['test-python-only'], suites: ['latency'], startOptions: { pluginPath: file } }), 'INVALID_INPUT');
    expect(kind.message).toContain('no selected target runs my-plugin.mjs');
  });

  it('stops with INTEGRITY_FAILED when --require-signed refuses every target, before measuring', async () => {
    await using dir = await tempDir();
    const events: string[] = [];
    const run = runBench({
      quick: true,
      targets: ['test-right'],
      suites: ['latency'],
      startOptions: { pluginPath: await pluginFile(dir.path), requireSigned: { publicKey: keyPair().publicKeyPem } },
      onProgress: (event) => events.push(event.type),
    });
    expect((await expectCode(run, 'INTEGRITY_FAILED')).message).toMatch(/^no target can run my-plugin\.mjs, so nothing was measured: test-right: plugin folder .* is not signed/);
    expect(events).not.toContain('step');
  });

  it('names the refusal of the sample plugin too, without --plugin', async () => {
    const run = runBench({ quick: true, targets: ['test-right'], suites: ['latency'], startOptions: { requireSigned: { publicKey: keyPair().publicKeyPem } } });
    expect((await expectCode(run, 'INTEGRITY_FAILED')).message).toMatch(/^every target refused its plugin, so nothing was measured: test-right: plugin folder .* is not signed/);
  });
});
