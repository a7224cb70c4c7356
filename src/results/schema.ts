/**
 * The shape of a results file, checked at run time (zod), so compare and report
 * refuse a hand-edited or truncated file with the path of what is wrong instead
 * of failing later on `undefined`. Mirrors src/results/types.ts; the type
 * annotation makes the compiler catch any drift between the two.
 */
import { z } from 'zod';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from './types.js';

const machine = z.object({
  node: z.string(),
  cpuModel: z.string(),
  cores: z.number().int().nonnegative(),
  cpusAllowed: z.string().optional(),
  os: z.string(),
  platform: z.string(),
  release: z.string(),
  arch: z.string(),
  hostname: z.string(),
  totalMemoryBytes: z.number().nonnegative(),
  loadAverage: z.array(z.number()),
  gitCommit: z.string().nullable(),
  plugbenchVersion: z.string(),
  plugbenchCommit: z.string().nullable().optional(),
  cpuMHz: z.number().nullable().optional(),
  libraries: z.record(z.string(), z.string()).optional(),
});

/**
 * Rows whose samples are differences (a paired difference, an RSS delta) and may
 * be below zero; every other sample is a duration, a rate or a count.
 */
const SIGNED_METRICS: ReadonlySet<string> = new Set(['callback/callback-cost', 'startup/host-rss-added', 'startup/memory-added']);

// Loose objects: a field a newer bench adds (within the same schema version) is kept, not stripped.
const row = z.looseObject({
  target: z.string().min(1),
  suite: z.string().min(1),
  metric: z.string().min(1),
  unit: z.string(),
  better: z.enum(['lower', 'higher']),
  status: z.enum(['ok', 'failed', 'skipped', 'not-recoverable', 'not-supported']),
  median: z.number().nullable(),
  samples: z.array(z.number()),
  p99: z.number().optional(),
  mean: z.number().optional(),
  margin: z.number().optional(),
  ciLow: z.number().optional(),
  ciHigh: z.number().optional(),
  ciConfidence: z.number().min(0).max(1).optional(),
  outliers: z.number().optional(),
  floor: z.string().optional(),
  ratio: z.number().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  derivedFrom: z.array(z.string()).optional(),
  warmup: z.object({ calls: z.number(), ms: z.number(), steady: z.boolean() }).optional(),
  calibration: z.record(z.string(), z.number()).optional(),
  note: z.string().optional(),
}).superRefine((candidate, context) => {
  // A measured row without samples, or a negative duration, would pass the gate unexamined.
  if (candidate.status === 'ok' && candidate.samples.length === 0) context.addIssue({ code: 'custom', path: ['samples'], message: 'a row with status "ok" has no samples' });
  if (SIGNED_METRICS.has(`${candidate.suite}/${candidate.metric}`)) return;
  const negative = candidate.samples.findIndex((sample) => sample < 0);
  if (negative >= 0) context.addIssue({ code: 'custom', path: ['samples', negative], message: `${candidate.metric} (${candidate.unit}) cannot be negative, got ${candidate.samples[negative]}` });
});

export const benchResultsSchema: z.ZodType<BenchResults> = z.looseObject({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  createdAt: z.string(),
  machine,
  options: z.object({
    quick: z.boolean(),
    suites: z.array(z.string()),
    targets: z.array(z.string()),
    plugin: z.object({ path: z.string(), sha256: z.string() }).optional(),
    overrides: z.object({ samples: z.number().int().positive().optional(), warmup: z.number().int().nonnegative().optional() }).optional(),
  }),
  harness: z.object({ emptyTaskMedianMs: z.number(), samples: z.array(z.number()) }).optional(),
  durationMs: z.number(),
  skipped: z.array(z.object({ target: z.string(), reason: z.string() })),
  results: z.array(row),
});
