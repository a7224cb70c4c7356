/**
 * Selecting one target loads one target: a run of `bench --targets in-process`
 * imports no other transport and none of the heavy libraries (gRPC, ZeroMQ,
 * QuickJS, wasmoon), and probes no Python interpreter.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PLUGBENCH_BIN } from '../helpers/run-cli.js';

const RECORDER = new URL('../fixtures/loader/record-loads.mjs', import.meta.url).pathname;

describe('lazy loading', () => {
  it('bench --targets in-process loads no other transport and no heavy library', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'plugbench-lazy-'));
    try {
      const run = await execa('node', ['--import', RECORDER, PLUGBENCH_BIN, 'bench', '--quick', '--targets', 'in-process', '--suites', 'latency', '--out', path.join(dir, 'r.json'), '--format', 'json'], {
        reject: false,
        timeout: 120_000,
        env: { GITHUB_STEP_SUMMARY: undefined },
      });
      expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
      const loaded = run.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length));
      const transportFiles = loaded.filter((url) => url.includes('/transports/')).map((url) => url.replace(/^.*\/transports\//, ''));
      // Descriptors, the catalog and the capability constants descriptors share are facts, not transport code.
      const facts = (file: string) => file.endsWith('/descriptor.js') || file === 'catalog.js' || file === 'process/capabilities.js' || file === 'go-common/facts.js';
      const foreign = transportFiles.filter((file) => !file.startsWith('in-process/') && !facts(file));
      expect(transportFiles).toContain('in-process/index.js');
      expect(foreign).toEqual([]);
      const heavy = loaded.filter((url) => /node_modules\/(@grpc|zeromq|quickjs-emscripten|@jitl|wasmoon|vscode-jsonrpc)\//.test(url));
      expect(heavy).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
