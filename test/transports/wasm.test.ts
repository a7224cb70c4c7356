/** The wasm target: the cost of copying strings through linear memory, and modules it refuses. */
import { describe, expect, it } from 'vitest';
import type { PluginRunner } from '../../src/core/runner.js';
import type { WasmConnection } from '../../transports/wasm/index.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadTarget } from '../helpers/targets.js';

const wasmTarget = await loadTarget('wasm');

describe('wasm', () => {
  it('counts the bytes it copies into and out of linear memory, so the benchmark can see the copy cost', async () => {
    await using plugin = await wasmTarget.start();
    const connection = (plugin as PluginRunner).connection as WasmConnection;
    const text = 'x😀'.repeat(1000);
    await plugin.call('revert', [text]);
    expect(connection.copyCost).toMatchObject({ copiesIn: 1, bytesIn: text.length * 2, copiesOut: 1, bytesOut: text.length * 2 });
    expect(connection.copyCost.copyMs).toBeGreaterThanOrEqual(0);
    const health = await plugin.health();
    expect(health.ok && health.detail).toContain('copied 1 strings in');
  });

  it('grows its string buffer for a long text and keeps serving short ones', async () => {
    await using plugin = await wasmTarget.start();
    const long = 'ab😀'.repeat(50_000);
    expect(await plugin.call('revert', [long])).toBe(Array.from(long).reverse().join(''));
    expect(await plugin.call('revert', ['short'])).toBe('trohs');
  });

  it('fails to start with START_FAILED when the module is missing', async () => {
    const error = await expectCode(wasmTarget.start({ pluginPath: '/nonexistent/revert.wasm' }), 'START_FAILED');
    expect(error.message).toContain('build:wasm');
  });

  it('fails to start with START_FAILED when the file is not WebAssembly', async () => {
    const file = new URL('../fixtures/wasm/not-wasm.wasm', import.meta.url).pathname;
    await expectCode(wasmTarget.start({ pluginPath: file }), 'START_FAILED');
  });
});
