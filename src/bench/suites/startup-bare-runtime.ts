/**
 * The bare runtime a process target's plugin runs on (`node -e 0`, `python3 -c 0`),
 * started the way plugbench starts a plugin (execa, the parent-death wrapper,
 * piped stdio) and timed from spawn to exit. The startup suite alternates it with
 * the target's fresh starts, so the ratio between them is measured in one run,
 * under the same load: what the plugin stack adds to the bare process start.
 */
import { findPython } from '../../../transports/python/find-python.js';
import { spawnPlugin } from '../../../transports/process/spawn-plugin.js';
import type { Target } from '../../core/transport.js';

export interface BareRuntime {
  /** The command line, for the row's note: `node -e 0`. */
  readonly label: string;
  /** One whole bare process: spawn to exit, in ms. */
  run(): Promise<number>;
}

/** The bare runtime of a process target whose plugin runs on Node or Python; undefined for others (Go binaries, in-process). */
export async function bareRuntimeOf(target: Target): Promise<BareRuntime | undefined> {
  if (target.family !== 'process') return undefined;
  const language = target.descriptor.plugin.language;
  if (language === 'typescript' || language === 'javascript') return bareRuntime('node -e 0', process.execPath, ['-e', '0']);
  if (language !== 'python') return undefined;
  const choice = await findPython({ modules: [], installHint: '' });
  return choice.available ? bareRuntime('python3 -c 0', choice.python, ['-c', '0']) : undefined;
}

function bareRuntime(label: string, command: string, args: readonly string[]): BareRuntime {
  return {
    label,
    run: async () => {
      const began = performance.now();
      const child = spawnPlugin({ name: label, command, args });
      const exit = await child.exited;
      const ms = performance.now() - began;
      if (exit.exitCode !== 0) throw new Error(`${label} did not exit cleanly (${JSON.stringify(exit)})`);
      return ms;
    },
  };
}
