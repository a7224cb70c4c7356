/** What the results file records about the machine, the project measured and plugbench itself. */
import { readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import { execa } from 'execa';
import { installedAsDependency, packagePath, packageRoot } from '../core/runtime-paths.js';
import type { Target } from '../core/transport.js';
import { libraryVersions } from './library-versions.js';
import { cpusAllowed } from './pin-cpu.js';
import type { MachineInfo } from '../results/types.js';

/** `targets`: the ones this run measures (their libraries' versions are recorded). */
export async function collectMachineInfo(targets: readonly Target[] = []): Promise<MachineInfo> {
  const cpus = os.cpus();
  const pkg = JSON.parse(await readFile(packagePath('package.json'), 'utf8')) as { version?: string };
  const [gitCommit, plugbenchCommit, cpuMHz, libraries] = await Promise.all([commitOf(process.cwd()), ownCommit(), clockMHz(cpus), libraryVersions(targets)]);
  return {
    node: process.version,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ...pinned(cpusAllowed()),
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    totalMemoryBytes: os.totalmem(),
    loadAverage: os.loadavg(),
    gitCommit,
    plugbenchVersion: pkg.version ?? '0.0.0',
    plugbenchCommit,
    cpuMHz,
    libraries,
  };
}

/** Only a pinned run records its CPUs, so unpinned results stay as they were. */
function pinned(cpus: string | null): { cpusAllowed?: string } {
  return cpus === null ? {} : { cpusAllowed: cpus };
}

/** HEAD of the repository holding `dir`, "-dirty" when it has uncommitted changes; null outside git. */
async function commitOf(dir: string, { topLevel }: { topLevel?: string } = {}): Promise<string | null> {
  const options = { cwd: dir, reject: false, timeout: 5_000 } as const;
  const head = await execa('git', ['rev-parse', 'HEAD', '--show-toplevel'], options);
  if (head.exitCode !== 0) return null;
  const [commit, root] = head.stdout.trim().split('\n');
  if (topLevel !== undefined && (await realpath(root).catch(() => root)) !== topLevel) return null;
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], options);
  return `${commit}${status.stdout.trim() ? '-dirty' : ''}`;
}

/** plugbench's own commit when it runs from a checkout of plugbench (not from a dependent's node_modules). */
async function ownCommit(): Promise<string | null> {
  if (installedAsDependency()) return null;
  const root = await realpath(packageRoot());
  return commitOf(root, { topLevel: root });
}

/** The first core's clock when the run starts: cpufreq, else /proc/cpuinfo, else what Node reports; null when nothing says. */
async function clockMHz(cpus: readonly os.CpuInfo[]): Promise<number | null> {
  const sysfs = await readFile('/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq', 'utf8').then((text) => Number(text) / 1000, () => NaN);
  if (sysfs > 0) return Math.round(sysfs);
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').then((text) => Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(text)?.[1]), () => NaN);
  if (cpuinfo > 0) return Math.round(cpuinfo);
  return cpus[0]?.speed ? cpus[0].speed : null;
}
