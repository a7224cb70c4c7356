/**
 * Reading and writing the results file. Writes are atomic (a temporary file in
 * the same folder, then rename), so an interrupted run never leaves half a file;
 * reads check the shape and say exactly which field is wrong.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PluginError } from '../core/errors.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type ResultRow, type RowStatus } from './results.js';

/** `bench-results/<date>-<host>.json` under `dir`, the default place a run is written. */
export function defaultResultsPath(dir = 'bench-results', date = new Date(), host = os.hostname()): string {
  const day = date.toISOString().slice(0, 10);
  const safeHost = host.replace(/[^A-Za-z0-9._-]+/g, '-');
  return path.resolve(dir, `${day}-${safeHost}.json`);
}

/** The Markdown file written beside a results file: same name, `.md`. */
export function markdownPathFor(jsonPath: string): string {
  return jsonPath.endsWith('.json') ? `${jsonPath.slice(0, -'.json'.length)}.md` : `${jsonPath}.md`;
}

/** Writes `text` to `file` all at once or not at all (temp file + rename; the temp file is removed on failure). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function readResults(file: string): Promise<BenchResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PluginError('INVALID_INPUT', `cannot read results file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PluginError('INVALID_INPUT', `results file ${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseResults(value, file);
}

const STATUSES: ReadonlySet<RowStatus> = new Set(['ok', 'failed', 'skipped', 'not-recoverable', 'not-supported']);

/** Checks that `value` is a results file of this schema version; throws INVALID_INPUT naming the first bad field. */
export function parseResults(value: unknown, source = 'results'): BenchResults {
  const check = (ok: boolean, where: string, what: string) => {
    if (!ok) throw new PluginError('INVALID_INPUT', `${source}: ${where} must be ${what}`, { data: { field: where } });
  };
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const numbers = (v: unknown) => Array.isArray(v) && v.every((n) => typeof n === 'number');
  const strings = (v: unknown) => Array.isArray(v) && v.every((n) => typeof n === 'string');
  check(record(value), 'the file', 'a JSON object');
  const results = value as Record<string, unknown>;
  check(results.schemaVersion === RESULTS_SCHEMA_VERSION, 'schemaVersion', `${RESULTS_SCHEMA_VERSION} (this plugbench reads version ${RESULTS_SCHEMA_VERSION})`);
  check(typeof results.createdAt === 'string' && !Number.isNaN(Date.parse(results.createdAt)), 'createdAt', 'an ISO date');
  check(typeof results.durationMs === 'number', 'durationMs', 'a number');
  const machine = results.machine;
  check(record(machine), 'machine', 'an object');
  const m = machine as Record<string, unknown>;
  for (const key of ['node', 'cpuModel', 'os', 'hostname', 'plugbenchVersion']) check(typeof m[key] === 'string', `machine.${key}`, 'a string');
  for (const key of ['cores', 'totalMemoryBytes']) check(typeof m[key] === 'number', `machine.${key}`, 'a number');
  check(numbers(m.loadAverage), 'machine.loadAverage', 'an array of numbers');
  check(m.gitCommit === null || typeof m.gitCommit === 'string', 'machine.gitCommit', 'a string or null');
  const options = results.options;
  check(record(options), 'options', 'an object');
  const o = options as Record<string, unknown>;
  check(typeof o.quick === 'boolean', 'options.quick', 'a boolean');
  check(strings(o.suites) && strings(o.targets), 'options.suites and options.targets', 'arrays of names');
  if (results.harness !== undefined) {
    const h = results.harness as Record<string, unknown>;
    check(record(h) && typeof h.emptyTaskMedianMs === 'number' && numbers(h.samples), 'harness', 'an object with emptyTaskMedianMs and samples');
  }
  check(Array.isArray(results.skipped), 'skipped', 'an array');
  (results.skipped as unknown[]).forEach((entry, i) =>
    check(record(entry) && typeof entry.target === 'string' && typeof entry.reason === 'string', `skipped[${i}]`, 'an object with target and reason'),
  );
  check(Array.isArray(results.results), 'results', 'an array');
  (results.results as unknown[]).forEach((row, i) => checkRow(row, `results[${i}]`, check));
  return value as BenchResults;
}

function checkRow(row: unknown, where: string, check: (ok: boolean, where: string, what: string) => void): void {
  check(typeof row === 'object' && row !== null, where, 'an object');
  const r = row as Record<keyof ResultRow, unknown>;
  for (const key of ['target', 'suite', 'metric', 'unit'] as const) check(typeof r[key] === 'string', `${where}.${key}`, 'a string');
  check(r.better === 'lower' || r.better === 'higher', `${where}.better`, '"lower" or "higher"');
  check(STATUSES.has(r.status as RowStatus), `${where}.status`, [...STATUSES].join(', '));
  check(r.median === null || typeof r.median === 'number', `${where}.median`, 'a number or null');
  check(Array.isArray(r.samples) && r.samples.every((n) => typeof n === 'number'), `${where}.samples`, 'an array of numbers');
  for (const key of ['p99', 'mean', 'margin', 'ciLow', 'ciHigh', 'outliers', 'ratio'] as const) {
    check(r[key] === undefined || typeof r[key] === 'number', `${where}.${key}`, 'a number when present');
  }
  for (const key of ['floor', 'note'] as const) check(r[key] === undefined || typeof r[key] === 'string', `${where}.${key}`, 'a string when present');
  check(r.params === undefined || (typeof r.params === 'object' && r.params !== null), `${where}.params`, 'an object when present');
}
