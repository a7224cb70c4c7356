/** Runs the real `plugbench bench`: a quick run on a small subset, bad names, and Ctrl-C mid-run. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchResultsSchema } from '../../src/results/schema.js';
import { childrenOf, isRunning } from '../helpers/process.js';

const bin = new URL('../../bin/run.js', import.meta.url).pathname;
const plugbench = (...args: string[]) => execa('node', [bin, ...args], { reject: false, timeout: 120_000, env: { CI: '1' } });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'plugbench-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('plugbench bench', () => {
  it('--quick on a small subset prints JSON, and writes the results file and its Markdown', async () => {
    const out = path.join(dir, 'run.json');
    const { stdout, stderr, exitCode } = await plugbench('bench', '--quick', '--targets', 'in-process,worker', '--suites', 'latency,callback', '--out', out, '--format', 'json');
    expect(exitCode, stderr).toBe(0);
    const printed = benchResultsSchema.parse(JSON.parse(stdout));
    const written = benchResultsSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(written).toEqual(printed);
    expect(printed.options).toMatchObject({ quick: true, suites: ['latency', 'callback'], targets: ['in-process', 'worker'] });
    const targets = new Set(printed.results.map((row) => row.target));
    expect(targets).toEqual(new Set(['floor:function', 'bare:async-call', 'floor:message-port', 'bare:post-message', 'in-process', 'worker']));
    expect(await readFile(path.join(dir, 'run.md'), 'utf8')).toContain('| worker |');
    expect(await readdir(dir)).toContain('run.latency.svg'); // compare's charts, named after the run
    // Progress is plain lines on stderr when CI is set.
    expect(stderr).toMatch(/\[\s*\d+\/\d+\] worker · callback ok/);
    expect(stderr).not.toContain('\x1b[');
  });

  it('prints the side-by-side table by default', async () => {
    const { stdout, exitCode } = await plugbench('bench', '--quick', '--targets', 'in-process', '--suites', 'effort,hang', '--out', path.join(dir, 'r.json'));
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/│ target\s+│ hang to usable\s+│ author effort/);
    expect(stdout).toContain('not recoverable');
  });

  it('refuses an unknown target or suite with one line listing the valid names, exit 2', async () => {
    const target = await plugbench('bench', '--targets', 'nope', '--out', path.join(dir, 'r.json'));
    expect(target.exitCode).toBe(2);
    expect(target.stderr.trim().split('\n')).toHaveLength(1);
    expect(target.stderr).toContain('valid targets: in-process, dynamic-import, worker');
    const suite = await plugbench('bench', '--suites', 'latency,warp', '--out', path.join(dir, 'r.json'));
    expect(suite.exitCode).toBe(2);
    expect(suite.stderr.trim().split('\n')).toHaveLength(1);
    expect(suite.stderr).toContain('valid suites: latency, throughput, payload, startup');
    expect(await readdir(dir)).toEqual([]);
  });

  it('--rounds 2 runs two fresh processes, one results file each, in the --out folder', async () => {
    const out = path.join(dir, 'runs');
    const { stderr, exitCode } = await plugbench('bench', '--quick', '--rounds', '2', '--targets', 'in-process', '--suites', 'effort', '--out', out);
    expect(exitCode, stderr).toBe(0);
    expect((await readdir(out)).filter((name) => name.endsWith('.json'))).toEqual(['round-01.json', 'round-02.json']);
    const runs = await Promise.all(['round-01.json', 'round-02.json'].map(async (name) => benchResultsSchema.parse(JSON.parse(await readFile(path.join(out, name), 'utf8')))));
    expect(runs[0]!.createdAt).not.toBe(runs[1]!.createdAt);
    expect(stderr).toMatch(/\[2\/2\] round 2: .*round-02\.json/);
    expect(stderr).toContain(`2 runs written to ${out}; next: plugbench compare BASE ${out}`);
  }, 180_000);

  it('--base-checkout alternates two checkouts A B, B A into base/ and head/', async () => {
    const out = path.join(dir, 'ab');
    const root = path.resolve(path.dirname(bin), '..');
    const { stderr, exitCode } = await plugbench('bench', '--quick', '--rounds', '2', '--base-checkout', root, '--targets', 'in-process', '--suites', 'effort', '--out', out);
    expect(exitCode, stderr).toBe(0);
    const order = [...stderr.matchAll(/round (\d) (base|head):/g)].map((m) => `${m[1]}${m[2]}`);
    expect(order).toEqual(['1base', '1head', '2head', '2base']);
    expect(await readdir(path.join(out, 'base'))).toContain('round-02.json');
    expect(await readdir(path.join(out, 'head'))).toContain('round-02.json');
  }, 180_000);

  it('--cpu N runs every thread on CPU N and records it; with --rounds each run is pinned', async () => {
    // The last CPU: CPU 0 is where a benchmark beside the tests would run.
    const cpu = String(os.cpus().length - 1);
    const single = path.join(dir, 'pinned.json');
    const one = await plugbench('bench', '--quick', '--cpu', cpu, '--targets', 'worker', '--suites', 'latency', '--out', single, '--json');
    expect(one.exitCode, one.stderr).toBe(0);
    // The pinned child prints the JSON; the process that started it adds nothing (no EEXIT error document).
    expect((JSON.parse(one.stdout) as { machine: { cpusAllowed?: string } }).machine.cpusAllowed).toBe(cpu);
    const pinned = benchResultsSchema.parse(JSON.parse(await readFile(single, 'utf8')));
    expect(pinned.machine).toMatchObject({ cores: 1, cpusAllowed: cpu });
    expect(pinned.results.some((row) => row.target === 'worker' && row.status === 'ok')).toBe(true);
    const out = path.join(dir, 'pinned-rounds');
    const rounds = await plugbench('bench', '--quick', '--rounds', '1', '--cpu', cpu, '--targets', 'in-process', '--suites', 'effort', '--out', out);
    expect(rounds.exitCode, rounds.stderr).toBe(0);
    const run = benchResultsSchema.parse(JSON.parse(await readFile(path.join(out, 'round-01.json'), 'utf8')));
    expect(run.machine.cpusAllowed).toBe(cpu);
  }, 180_000);

  it('refuses a --base-checkout that is no plugbench, and an --out folder that holds results, with one line, exit 2', async () => {
    const notCheckout = await plugbench('bench', '--rounds', '2', '--base-checkout', dir, '--out', path.join(dir, 'ab'));
    expect(notCheckout.exitCode).toBe(2);
    expect(notCheckout.stderr.trim().split('\n')).toHaveLength(1);
    expect(notCheckout.stderr).toContain(`${dir} is not a plugbench checkout (no bin/run.js)`);
    const used = path.join(dir, 'used');
    await mkdir(used);
    await writeFile(path.join(used, 'round-01.json'), '{}');
    const full = await plugbench('bench', '--rounds', '2', '--out', used);
    expect(full.exitCode).toBe(2);
    expect(full.stderr.trim().split('\n')).toHaveLength(1);
    expect(full.stderr).toContain(`${used} already holds results (round-01.json); give --out an empty or new folder`);
  });

  it('Ctrl-C mid-run stops every plugin process, exits 130 and writes no file', async () => {
    const out = path.join(dir, 'interrupted.json');
    // Every available process target, plus floors that start child processes, so there is something to kill.
    const listed = JSON.parse((await plugbench('list', '--json')).stdout) as Array<{ name: string; family: string; available: boolean }>;
    const processTargets = listed.filter((row) => row.family === 'process' && row.available).map((row) => row.name);
    const targets = ['worker', ...processTargets].join(',');
    // A full (not quick) run: long enough to be interrupted in the middle.
    const child = execa('node', [bin, 'bench', '--targets', targets, '--floors', 'pipe,tcp,zeromq', '--out', out], {
      reject: false,
      env: { CI: '1' },
      timeout: 120_000,
    });
    try {
      let seen: number[] = [];
      const deadline = Date.now() + 60_000;
      while (seen.length === 0 && Date.now() < deadline && child.exitCode === null) {
        seen = await childrenOf(child.pid!);
        if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(seen.length, 'the run started a plugin or floor process').toBeGreaterThan(0);
      child.kill('SIGINT');
      const result = await child;
      expect(result.exitCode, result.stderr).toBe(130);
      expect(result.stderr).toContain('no results file was written');
      expect(seen.filter(isRunning)).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
