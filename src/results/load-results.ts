/**
 * Reads a results file for compare and report. Every way it can be wrong (missing,
 * unreadable, not JSON, a schema this version cannot read, a field of the wrong
 * shape) becomes one INVALID_INPUT error whose message names the file and the problem.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from './types.js';
import { PluginError } from '../core/errors.js';
import { benchResultsSchema } from './schema.js';

export interface LoadOptions {
  /** Turns a file of an older schema version into the current one, or undefined when it cannot (report reads schema 1 for its charts). */
  upgrade?: (data: Record<string, unknown>, version: number) => unknown;
}

export async function loadResults(file: string, options: LoadOptions = {}): Promise<BenchResults> {
  const fail = (problem: string, cause?: unknown) =>
    new PluginError('INVALID_INPUT', `results file ${file}: ${problem}`, cause === undefined ? {} : { cause });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (error as Error).message})`, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message})`, error);
  }
  return parseResults(data, fail, options);
}

function parseResults(data: unknown, fail: (problem: string) => PluginError, { upgrade }: LoadOptions): BenchResults {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof data === 'object' && data !== null && typeof version === 'number' && version !== RESULTS_SCHEMA_VERSION) {
    const upgraded = upgrade?.(data as Record<string, unknown>, version);
    if (upgraded !== undefined) return parseResults(upgraded, fail, {});
    throw fail(`schemaVersion ${version} cannot be read by this plugbench, which reads version ${RESULTS_SCHEMA_VERSION}; measure it again with this version`);
  }
  const parsed = benchResultsSchema.safeParse(data);
  if (!parsed.success) throw fail(describeIssues(parsed.error.issues));
  return parsed.data;
}

/** The first problem with its path (`results[3].samples[2]`), and how many more there are. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const [first] = issues;
  if (!first) return 'does not match the results schema';
  const where = first.path.length === 0 ? 'the file' : formatPath(first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const problem = first.message.replace(/\s+/g, ' ').replace(/^Invalid input: expected (.+), received undefined$/, 'missing (expected $1)');
  return `${where}: ${problem}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
