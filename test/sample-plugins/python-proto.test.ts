/**
 * The Python gRPC plugin's protobuf code is protoc's output for the .proto files
 * as they are now: regenerated into a temp folder, it equals the committed
 * modules. Skipped where protoc is not installed (apt-get install protobuf-compiler).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pythonDir = path.join(root, 'sample-plugins', 'python');
const hasProtoc = spawnSync('protoc', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasProtoc)('generated Python protobuf modules', () => {
  it('are what scripts/generate-python-proto.mjs makes from the .proto files today', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'plugbench-pb2-'));
    try {
      const run = await execa('node', [path.join(root, 'scripts', 'generate-python-proto.mjs'), '--out', out], { reject: false, timeout: 60_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      const generated = (await readdir(out)).sort();
      expect(generated).toEqual(['health_pb2.py', 'revert_pb2.py']);
      for (const file of generated) {
        expect(await readFile(path.join(pythonDir, file), 'utf8'), `${file} is stale: run node scripts/generate-python-proto.mjs`).toBe(await readFile(path.join(out, file), 'utf8'));
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe.runIf(!hasProtoc)('generated Python protobuf modules', () => {
  it.skip('need protoc to be checked (apt-get install protobuf-compiler)', () => {});
});
