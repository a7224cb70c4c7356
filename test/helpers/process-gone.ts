/** Whether an OS process is gone (a zombie waiting for a reaper counts as gone: it runs no code). */
import { readFileSync } from 'node:fs';

export function isProcessGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Polls until `pid` is gone; false if it is still there after `boundMs` (a bound that only catches hangs). */
export async function waitUntilGone(pid: number, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (isProcessGone(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return isProcessGone(pid);
}
