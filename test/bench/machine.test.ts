/**
 * The machine block of a results file: the measured project's commit (the git
 * repository plugbench runs in) apart from plugbench's own version and commit,
 * the CPU clock, and the versions of the libraries the targets use.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectMachineInfo } from '../../src/bench/machine.js';
import { loadTarget } from '../../src/targets/load-target.js';
import { PLUGBENCH_BIN } from '../helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const git = (cwd: string, ...args: string[]) => execa('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd });
const version = async (name: string) => (JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('collectMachineInfo', () => {
  it('records plugbench\'s own commit from its checkout, the CPU clock and the npm libraries', async () => {
    const machine = await collectMachineInfo([]);
    const head = (await git(root, 'rev-parse', 'HEAD')).stdout.trim();
    expect(machine.plugbenchCommit).toMatch(new RegExp(`^${head}(-dirty)?$`));
    expect(machine.libraries).toMatchObject({ '@grpc/grpc-js': await version('@grpc/grpc-js'), 'vscode-jsonrpc': await version('vscode-jsonrpc'), zeromq: await version('zeromq') });
    expect(Object.keys(machine.libraries!).filter((name) => name.startsWith('python '))).toEqual([]);
    expect(machine.cpuMHz === null || machine.cpuMHz! > 0).toBe(true);
  });

  it('asks Python for grpcio and protobuf when a Python target is measured', async () => {
    const target = await loadTarget('tcp-rpc-python');
    if (!(await target.availability()).available) return; // no Python with grpcio here: nothing to ask
    const machine = await collectMachineInfo([target]);
    expect(machine.libraries!['python grpcio']).toMatch(/^\d+\.\d+/);
    expect(machine.libraries!['python protobuf']).toMatch(/^\d+\.\d+/);
  });
});

describe('a run in another project', () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'plugbench-project-'));
  });
  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('records that project\'s commit as gitCommit and plugbench\'s separately', async () => {
    await git(project, 'init', '-q');
    await git(project, 'commit', '-q', '--allow-empty', '-m', 'a project that runs plugbench');
    const projectHead = (await git(project, 'rev-parse', 'HEAD')).stdout.trim();
    const out = path.join(project, 'results.json');
    const run = await execa('node', [PLUGBENCH_BIN, 'bench', '--quick', '--targets', 'in-process', '--suites', 'effort', '--out', out, '--format', 'json'], {
      cwd: project,
      reject: false,
      timeout: 60_000,
      env: { GITHUB_STEP_SUMMARY: undefined },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const { machine } = JSON.parse(await readFile(out, 'utf8')) as { machine: { gitCommit: string; plugbenchCommit: string } };
    expect(machine.gitCommit).toMatch(new RegExp(`^${projectHead}`)); // results.json itself is untracked: still clean
    expect(machine.plugbenchCommit).toMatch(/^[0-9a-f]{40}/);
    expect(machine.plugbenchCommit).not.toContain(projectHead);
  });
});
