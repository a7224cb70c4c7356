/**
 * The library's import path: `import 'plugbench'` (and 'plugbench/plugin') loads
 * plugbench's own modules and no dependency at all: not oclif, vega, gRPC,
 * ZeroMQ or an engine. A target's libraries load when that target starts.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const RECORDER = new URL('../fixtures/loader/record-loads.mjs', import.meta.url).pathname;
const ENTRIES = { plugbench: '../../dist/src/index.js', 'plugbench/plugin': '../../dist/src/core/plugin/index.js' };

describe('the library import path', () => {
  for (const [name, file] of Object.entries(ENTRIES)) {
    it(`import '${name}' loads no dependency`, async () => {
      const entry = new URL(file, import.meta.url).href;
      const run = await execa('node', ['--import', RECORDER, '--input-type=module', '-e', `await import(${JSON.stringify(entry)});`], { reject: false, timeout: 60_000 });
      expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
      const loaded = run.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length));
      expect(loaded.length).toBeGreaterThan(1);
      expect(loaded.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    });
  }
});
