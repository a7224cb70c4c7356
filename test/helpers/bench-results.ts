/**
 * Builds BenchResults objects for tests from seeded pseudo-random samples, so every
 * fixture is made by code (never a hand-typed file) and every run is the same.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from 'simple-statistics';
import { afterEach, beforeEach } from 'vitest';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type MachineInfo, type ResultRow } from '../../src/results/types.js';
import type { LoadedRun } from '../../src/compare/load-side.js';

/** mulberry32: a tiny, well-known seeded generator; plenty for test noise. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TEST_MACHINE: MachineInfo = {
  node: 'v20.20.2',
  cpuModel: 'Test CPU @ 2.00GHz',
  cores: 2,
  os: 'linux 6.1.0 x64',
  platform: 'linux',
  release: '6.1.0',
  arch: 'x64',
  hostname: 'test-host',
  totalMemoryBytes: 24 * 2 ** 30,
  loadAverage: [0.4, 0.5, 0.5],
  gitCommit: '0123456789abcdef0123456789abcdef01234567',
  plugbenchVersion: '0.1.0',
};

/** What each fixture target costs: typical medians, so the numbers look like a run. */
const TARGETS: Record<string, { latencyMs: number; startupMs: number; memoryBytes: number; recoveryMs: number }> = {
  'in-process': { latencyMs: 0.0004, startupMs: 2, memoryBytes: 200_000, recoveryMs: 1 },
  worker: { latencyMs: 0.03, startupMs: 25, memoryBytes: 9_000_000, recoveryMs: 30 },
  'child-stdio': { latencyMs: 0.08, startupMs: 60, memoryBytes: 45_000_000, recoveryMs: 70 },
};

const PAYLOAD_SIZES: [string, number][] = [
  ['16B', 16],
  ['1KiB', 1024],
  ['64KiB', 65536],
];

export interface FixtureOptions {
  seed?: number;
  /** Samples per row (latency and payload rows). */
  samples?: number;
  machine?: Partial<MachineInfo>;
  quick?: boolean;
  /** How slow the machine was in this run: every time (floors too) x speed, every rate / speed. */
  speed?: number;
}

/** Relative noise of about ±5% around `center`. */
function noisy(random: () => number, center: number, count: number): number[] {
  return Array.from({ length: count }, () => center * (0.95 + 0.1 * random()));
}

function row(partial: Omit<ResultRow, 'median' | 'status'> & Partial<Pick<ResultRow, 'status'>>): ResultRow {
  return { status: 'ok', ...partial, median: partial.samples.length > 0 ? median(partial.samples) : null };
}

export function makeResults(options: FixtureOptions = {}): BenchResults {
  const random = seededRandom(options.seed ?? 1);
  const n = options.samples ?? 30;
  const speed = options.speed ?? 1;
  const results: ResultRow[] = [];
  results.push(row({ target: 'floor:message-port', suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower', samples: noisy(random, 0.01 * speed, n) }));
  // Suite, metric and parameter names as `plugbench bench` writes them.
  for (const [target, cost] of Object.entries(TARGETS)) {
    const latency = noisy(random, cost.latencyMs * speed, n);
    results.push(row({ target, suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower', samples: latency, p99: Math.max(...latency) * 1.5, floor: 'floor:message-port' }));
    results.push(row({ target, suite: 'latency', metric: 'calls-per-second', unit: 'calls/s', better: 'higher', samples: latency.map((ms) => 1000 / ms), derivedFrom: ['round-trip'] }));
    results.push(row({ target, suite: 'throughput', metric: 'calls-per-second-16', unit: 'calls/s', better: 'higher', samples: noisy(random, 1000 / cost.latencyMs / speed, 10), params: { inFlight: 16 } }));
    for (const [label, bytes] of PAYLOAD_SIZES) {
      results.push(row({ target, suite: 'payload', metric: `round-trip-${label}`, unit: 'ms', better: 'lower', samples: noisy(random, cost.latencyMs * speed * (1 + bytes / 4096), n), params: { bytes } }));
    }
    results.push(row({ target, suite: 'startup', metric: 'start-to-first-call', unit: 'ms', better: 'lower', samples: noisy(random, cost.startupMs * speed, 10) }));
    results.push(row({ target, suite: 'startup', metric: 'host-rss-added', unit: 'bytes', better: 'lower', samples: noisy(random, cost.memoryBytes / 2, 10) }));
    results.push(row({ target, suite: 'startup', metric: 'memory-added', unit: 'bytes', better: 'lower', samples: noisy(random, cost.memoryBytes, 10) }));
    results.push(row({ target, suite: 'recovery', metric: 'time-to-first-success', unit: 'ms', better: 'lower', samples: noisy(random, cost.recoveryMs * speed, 10) }));
    results.push(row({ target, suite: 'effort', metric: 'lines-of-code', unit: 'lines', better: 'lower', samples: [Math.round(cost.startupMs)] }));
  }
  results.push(
    row({ target: 'in-process', suite: 'hang', metric: 'time-to-usable', unit: 'ms', better: 'lower', samples: [], status: 'not-recoverable', note: 'a sync loop blocks the host thread', params: { timeoutMs: 1000 } }),
  );
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt: '2026-11-25T08:00:00.000Z',
    machine: { ...TEST_MACHINE, ...options.machine },
    options: { quick: options.quick ?? true, suites: ['latency', 'throughput', 'payload', 'startup', 'recovery', 'effort', 'hang'], targets: Object.keys(TARGETS) },
    durationMs: 12_345,
    skipped: [{ target: 'python-stdio', reason: 'python3 not found: install it' }],
    results,
  };
}

export interface RunsOptions extends Omit<FixtureOptions, 'seed' | 'speed'> {
  /** First seed; run i uses seed + i. */
  seed?: number;
  /** Each run's machine is slower or faster by up to this fraction (seeded), the same for every row of the run. */
  drift?: number;
}

/** `count` runs as compare loads them from a folder: fresh noise and, with `drift`, a machine speed of its own per run. */
export function makeRuns(count: number, options: RunsOptions = {}): LoadedRun[] {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed * 7919);
  return Array.from({ length: count }, (_, i) => {
    const speed = 1 + (options.drift ?? 0) * (2 * random() - 1);
    return { file: `round-${String(i + 1).padStart(2, '0')}.json`, results: makeResults({ ...options, seed: seed * 1000 + i, speed }) };
  });
}

/** The same runs with every one transformed (a slower target, an edited row). */
export function mapRuns(runs: readonly LoadedRun[], change: (results: BenchResults) => BenchResults): LoadedRun[] {
  return runs.map((run) => ({ file: run.file, results: change(run.results) }));
}

/** The same results with one target made `factor` times slower: time rows scaled up, rate rows down. */
export function withSlowerTarget(results: BenchResults, target: string, factor: number): BenchResults {
  const slower = (r: ResultRow): ResultRow => {
    if (r.target !== target || r.status !== 'ok' || !['ms', 'calls/s'].includes(r.unit)) return r;
    const scale = r.better === 'lower' ? factor : 1 / factor;
    const samples = r.samples.map((s) => s * scale);
    return { ...r, samples, median: median(samples), ...(r.p99 === undefined ? {} : { p99: r.p99 * scale }) };
  };
  return { ...results, results: results.results.map(slower) };
}

/** A temporary folder removed by the returned dispose function (use with try/finally or afterEach). */
export async function makeTempDir(): Promise<{ dir: string; write(name: string, content: unknown): Promise<string>; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'plugbench-test-'));
  return {
    dir,
    async write(name, content) {
      const file = path.join(dir, name);
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export type TempDir = Awaited<ReturnType<typeof makeTempDir>>;

/** A fresh temporary folder for each test of the calling file, removed after it whatever happens. */
export function useTempDir(): () => TempDir {
  let current: TempDir | undefined;
  beforeEach(async () => {
    current = await makeTempDir();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => current!;
}

/**
 * The same results as the latency suite now writes them: each target's latency
 * row beside its channel floor (0.3×) and a bare mechanism (0.8×), measured with it.
 */
export function withTimeSplits(results: BenchResults): BenchResults {
  const references: ResultRow[] = [];
  const rows = results.results.map((r): ResultRow => {
    if (r.suite !== 'latency' || r.metric !== 'round-trip' || r.target.startsWith('floor:') || r.median === null) return r;
    const reference = (target: string, role: 'floor' | 'bare', scale: number) =>
      row({ target, role, suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower', samples: r.samples.map((s) => s * scale), params: { beside: r.target } });
    const floor = reference('floor:message-port', 'floor', 0.3);
    const bare = reference(`bare:${r.target}-library`, 'bare', 0.8);
    references.push(floor, bare);
    return { ...r, role: 'target', floor: floor.target, bare: bare.target, ratio: r.median / floor.median!, overhead: r.median / bare.median! };
  });
  return { ...results, results: [...rows, ...references] };
}
