/** Memory readings for the startup suite: the host's RSS after a full GC, and a child's RSS from /proc. */
import { readFile } from 'node:fs/promises';
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Forces a full garbage collection so RSS deltas measure live memory, not
 * garbage waiting for the collector (Node hides gc() unless asked at startup).
 */
export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** The host's resident set size after a full GC, in bytes. */
export function settledHostRss(): number {
  collectGarbage();
  return process.memoryUsage.rss();
}

/** Resident set size of process `pid` in bytes (VmRSS from /proc), or undefined where /proc is missing. */
export async function processRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
