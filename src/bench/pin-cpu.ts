/**
 * `bench --cpu N`: every thread of the measurement (plugbench, its plugins, the
 * floors and bare peers) on one CPU, with Linux's `taskset`. On a VM a round trip
 * between two threads costs 2-8x more when the kernel puts them on different vCPUs,
 * and each keeps its placement for seconds or a whole run, so unpinned runs of the
 * same code differ by where they landed, not by what they ran (docs/ci.md,
 * "Pinned rounds"). On one CPU a round trip is the CPU work of both sides.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { PluginError } from '../core/errors.js';

/** Set in a process that runs pinned already, so it does not pin itself again. */
export const PINNED_CPU_ENV = 'PLUGBENCH_PINNED_CPU';

/** Refuses a CPU this machine does not have, or a system without taskset, before anything runs. */
export function checkPinnableCpu(cpu: number): void {
  const count = os.cpus().length;
  if (!Number.isInteger(cpu) || cpu < 0 || cpu >= count) {
    throw new PluginError('INVALID_INPUT', `--cpu ${cpu}: this machine has CPUs 0 to ${count - 1}; pick one of them`);
  }
  if (os.platform() !== 'linux' || !hasTaskset()) {
    throw new PluginError('INVALID_INPUT', '--cpu needs Linux with taskset (apt-get install util-linux); leave --cpu out to run unpinned');
  }
}

/** The command that runs `file args` with every thread on `cpu`; unchanged when `cpu` is undefined. */
export function pinnedCommand(cpu: number | undefined, file: string, args: readonly string[]): { file: string; args: string[] } {
  return cpu === undefined ? { file, args: [...args] } : { file: 'taskset', args: ['-c', String(cpu), file, ...args] };
}

/** True when this process already runs on `cpu` alone (pinned by plugbench, or by the user's own taskset). */
export function runsPinnedTo(cpu: number): boolean {
  return process.env[PINNED_CPU_ENV] === String(cpu) || cpusAllowed() === String(cpu);
}

/**
 * The CPUs this process may run on, as Linux lists them ("0", "0-1", "0,2"),
 * when that is fewer than the machine has; null when it may use every CPU or
 * the system does not say. Recorded with the machine: a pinned run measures
 * another thing than an unpinned one.
 */
export function cpusAllowed(): string | null {
  if (os.availableParallelism() >= os.cpus().length) return null;
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs this command again under `taskset -c cpu`, its output and Ctrl-C going
 * straight to the child (which stops its plugins itself), and gives back the
 * child's exit code. Used by a single `bench --cpu N`; rounds pin each run instead.
 */
export async function rerunPinned(cpu: number): Promise<number> {
  const command = pinnedCommand(cpu, process.execPath, [...process.execArgv, ...process.argv.slice(1)]);
  const child = spawn(command.file, command.args, { stdio: 'inherit', env: { ...process.env, [PINNED_CPU_ENV]: String(cpu) } });
  // The terminal sends Ctrl-C to both; the child answers it, this process waits for it.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
    });
  } finally {
    process.off('SIGINT', ignore);
  }
}
