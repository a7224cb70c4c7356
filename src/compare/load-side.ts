/**
 * One side of a comparison: a results file (one run) or a folder of them (one
 * file per run, as `bench --rounds` writes). Runs are what compare judges.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../results/types.js';
import { PluginError } from '../core/errors.js';
import { loadResults } from '../results/load-results.js';

export interface LoadedRun {
  file: string;
  results: BenchResults;
}

export async function loadSide(location: string, side: 'base' | 'head'): Promise<LoadedRun[]> {
  const files = await resultFiles(location, side);
  return Promise.all(files.map(async (file) => ({ file, results: await loadResults(file) })));
}

/** The file itself, or every *.json directly inside the folder, sorted by name (round-01, round-02, ...). */
async function resultFiles(location: string, side: string): Promise<string[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(location)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PluginError('INVALID_INPUT', `${side} ${location}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`}`, { cause: error });
  }
  if (!isFolder) return [location];
  const names = (await readdir(location)).filter((name) => name.endsWith('.json')).sort();
  if (names.length === 0) throw new PluginError('INVALID_INPUT', `${side} folder ${location} holds no results files (*.json); write some with plugbench bench --rounds N --out ${location}`);
  return names.map((name) => path.join(location, name));
}
