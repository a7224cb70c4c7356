/**
 * The plugin's private folder for its Unix sockets (go-plugin puts them in
 * TMPDIR, and so does the host's brokered Host server): 0700, named after the
 * host's pid, removed at stop. A host killed by SIGKILL cannot remove its own,
 * so a host's first start removes the folders of hosts that are gone.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'plugbench-go-plugin-';
const OWNER = /^plugbench-go-plugin-(\d+)-/;
let swept: Promise<void> | undefined;

export async function makePrivateDir(): Promise<string> {
  await (swept ??= sweepStale());
  return mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}

async function sweepStale(): Promise<void> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const owner = Number(OWNER.exec(name)?.[1]);
    return owner > 0 && !isAlive(owner);
  });
  await Promise.all(stale.map((name) => rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => {})));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
