/**
 * Where the results file goes and how it is written: atomically (a temporary
 * file in the same folder, then rename), so an interrupted run never leaves half
 * a file. Reading and checking a results file is `loadResults` (load-results.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * `bench-results/<date>-<host>.json`; a later run the same day gets `-2`, `-3`...
 * rather than replacing the earlier one (its file may be a baseline someone compares with).
 */
export function defaultResultsPath(dir = 'bench-results', date = new Date(), host = os.hostname()): string {
  return firstFree(datedBase(dir, date, host), '.json');
}

/** `bench-results/<date>-<host>-rounds/` for `bench --rounds`; a later session the same day gets `-rounds-2`, ... */
export function defaultRoundsDir(dir = 'bench-results', date = new Date(), host = os.hostname()): string {
  return firstFree(`${datedBase(dir, date, host)}-rounds`, '');
}

/** `<dir>/<YYYY-MM-DD>-<host>`, the host made safe for a file name. */
function datedBase(dir: string, date: Date, host: string): string {
  return path.resolve(dir, `${date.toISOString().slice(0, 10)}-${host.replace(/[^A-Za-z0-9._-]+/g, '-')}`);
}

/** `base + ending`, or the first of `base-2 + ending`, `base-3 + ending`, ... that does not exist yet. */
function firstFree(base: string, ending: string): string {
  let candidate = `${base}${ending}`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}${ending}`;
  return candidate;
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
