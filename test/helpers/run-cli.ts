/** Runs the real plugbench binary, the way a user or a CI step does. */
import { execa } from 'execa';

export const PLUGBENCH_BIN = new URL('../../bin/run.js', import.meta.url).pathname;

/** GITHUB_STEP_SUMMARY is cleared unless a test sets it, so a CI runner's own summary is never written. */
export function runPlugbench(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return execa('node', [PLUGBENCH_BIN, ...args], { reject: false, timeout: 60_000, env: { GITHUB_STEP_SUMMARY: undefined, ...env } });
}
