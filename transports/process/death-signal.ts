/**
 * Defence in depth behind the stdin lifeline: on Linux, start the plugin
 * through util-linux's `setpriv --pdeathsig SIGKILL`, so the kernel kills the
 * plugin when the host dies, even when the plugin is stuck in a busy loop and
 * cannot notice its stdin closing. setpriv execs the plugin: the pid is the same.
 * Elsewhere, or without setpriv, the command runs as is.
 */
import { isExecutable, resolveCommand } from './executable.js';

const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];
/** Set to `1` to rely on the stdin lifeline alone (tests prove it works by itself). */
export const NO_DEATH_SIGNAL_ENV = 'PLUGBENCH_NO_DEATH_SIGNAL';
let setpriv: string | null | undefined;

function findSetpriv(): string | null {
  if (setpriv === undefined) setpriv = process.platform === 'linux' ? (SETPRIV_CANDIDATES.find(isExecutable) ?? null) : null;
  return setpriv;
}

/**
 * The command line that runs `command args` with a parent-death signal. A
 * command that cannot be found is left alone, so spawning it fails plainly (ENOENT).
 */
export function withDeathSignal(command: string, args: readonly string[]): { command: string; args: string[] } {
  const wrapper = process.env[NO_DEATH_SIGNAL_ENV] === '1' ? null : findSetpriv();
  const resolved = resolveCommand(command);
  if (!wrapper || !resolved) return { command, args: [...args] };
  return { command: wrapper, args: ['--pdeathsig', 'SIGKILL', '--', resolved, ...args] };
}
