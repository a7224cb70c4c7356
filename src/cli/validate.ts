/**
 * Up-front checks of flags and files, before a command starts anything: each
 * throws INVALID_INPUT with one line saying what was wrong and how to fix it,
 * which the base command prints and exits 2 on.
 */
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PluginError } from '../core/errors.js';

/** The longest a Node timer can wait: setTimeout turns anything above 2^31-1 ms into 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The absolute path of `file` once it is known to be a regular file this process can read. */
export async function checkReadableFile(flag: string, file: string): Promise<string> {
  const absolute = path.resolve(file);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new PluginError('INVALID_INPUT', `--${flag} ${file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? error.message})`}`, { cause: error });
  });
  if (!info.isFile()) throw new PluginError('INVALID_INPUT', `--${flag} ${file} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}; name a file`);
  await access(absolute, constants.R_OK).catch((error: unknown) => {
    throw new PluginError('INVALID_INPUT', `--${flag} ${file} cannot be read by this user (check its permissions)`, { cause: error });
  });
  return absolute;
}

/**
 * Checks that `files` can be written before a long run produces them: none is
 * a directory, and the nearest existing folder of each takes a new file (a
 * probe file is created and removed there: the only check root cannot fool).
 */
export async function checkWritableFiles(flag: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (info && !info.isFile()) throw new PluginError('INVALID_INPUT', `--${flag}: ${file} is ${info.isDirectory() ? 'a directory' : 'not a regular file'}; name a file to write`);
  }
  for (const folder of new Set(files.map((file) => path.dirname(path.resolve(file))))) {
    const existing = await nearestExisting(folder);
    if (!existing.isDirectory) throw new PluginError('INVALID_INPUT', `--${flag}: ${existing.path} is not a directory, so nothing can be written under ${folder}`);
    const probe = path.join(existing.path, `.plugbench-write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await writeFile(probe, '', { flag: 'wx' });
    } catch (error) {
      throw new PluginError('INVALID_INPUT', `--${flag}: nothing can be written in ${existing.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pick another path`, { cause: error });
    } finally {
      await rm(probe, { force: true });
    }
  }
}

/** `folder`, or its closest ancestor that exists. */
async function nearestExisting(folder: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let candidate = folder; ; candidate = path.dirname(candidate)) {
    const info = await stat(candidate).catch(() => undefined);
    if (info) return { path: candidate, isDirectory: info.isDirectory() };
    if (candidate === path.dirname(candidate)) return { path: candidate, isDirectory: false };
  }
}
