/** What the results file records about the machine and the checkout that produced it. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { execa } from 'execa';
import { packagePath, packageRoot } from '../core/runtime-paths.js';
import type { MachineInfo } from './results.js';

export async function collectMachineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  const pkg = JSON.parse(await readFile(packagePath('package.json'), 'utf8')) as { version?: string };
  return {
    node: process.version,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    totalMemoryBytes: os.totalmem(),
    loadAverage: os.loadavg(),
    gitCommit: await gitCommit(),
    plugbenchVersion: pkg.version ?? '0.0.0',
  };
}

/** HEAD of the plugbench checkout, "-dirty" when it has uncommitted changes; null outside git. */
async function gitCommit(): Promise<string | null> {
  const options = { cwd: packageRoot(), reject: false, timeout: 5_000 } as const;
  const head = await execa('git', ['rev-parse', 'HEAD'], options);
  if (head.exitCode !== 0) return null;
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], options);
  return `${head.stdout.trim()}${status.stdout.trim() ? '-dirty' : ''}`;
}
