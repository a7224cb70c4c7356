/**
 * A private folder for a plugin's Unix sockets, in TMPDIR (where go-plugin puts
 * them): 0700 (mkdtemp), named `<prefix><host pid>-<random>`, removed by whoever
 * started it. A host killed by SIGKILL cannot remove its own, so a host's first
 * start with a prefix removes that prefix's folders of hosts that are gone.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const swept = new Map<string, Promise<void>>();

/** Makes a fresh 0700 folder `<prefix><pid>-XXXXXX` in TMPDIR, after sweeping leftovers once per prefix. */
export async function makePrivateDir(prefix: string): Promise<string> {
  let sweep = swept.get(prefix);
  if (!sweep) swept.set(prefix, (sweep = sweepStale(prefix)));
  await sweep;
  return mkdtemp(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
}

async function sweepStale(prefix: string): Promise<void> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const owner = name.startsWith(prefix) ? Number.parseInt(name.slice(prefix.length), 10) : NaN;
    return owner > 0 && owner !== process.pid && !isAlive(owner);
  });
  // Another user's folder is not ours to remove: rm fails on it and is ignored.
  await Promise.all(stale.map((name) => rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => {})));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
