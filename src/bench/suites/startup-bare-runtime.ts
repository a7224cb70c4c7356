/**
 * The bare runtime a process target's plugin runs on (`node -e 0`, `python3 -c 0`),
 * started the way plugbench starts a plugin (execa, the parent-death wrapper,
 * piped stdio) and timed from spawn to exit. The startup suite alternates it with
 * the target's fresh starts, so the ratio between them is measured in one run,
 * under the same load: what the plugin stack adds to the bare process start.
 */
import path from 'node:path';
import { findPython } from '../../../transports/python/find-python.js';
import { spawnPlugin } from '../../../transports/process/spawn-plugin.js';
import type { PluginHandle, Target } from '../../core/transport.js';

export interface BareRuntime {
  /** The command line, for the row's note: `node -e 0`. */
  readonly label: string;
  /** One whole bare process: spawn to exit, in ms. */
  run(): Promise<number>;
}

/**
 * The bare runtime of a process target whose plugin runs on Node or Python;
 * undefined for others (Go binaries, in-process). `started` is a plugin of the
 * target: a Python plugin's bare runtime is the interpreter it was spawned with
 * (a target may pick /usr/bin/python3 over the python3 on PATH).
 */
export async function bareRuntimeOf(target: Target, started: PluginHandle): Promise<BareRuntime | undefined> {
  if (target.family !== 'process') return undefined;
  const language = target.descriptor.plugin.language;
  if (language === 'typescript' || language === 'javascript') return bareRuntime('node -e 0', process.execPath, ['-e', '0']);
  if (language !== 'python') return undefined;
  const python = spawnedCommand(started) ?? (await defaultPython());
  return python ? bareRuntime(`${python} -c 0`, python, ['-c', '0']) : undefined;
}

/** The program a started plugin was spawned as, from its spawn step (`pid N: [setpriv ... --] COMMAND ARGS`). */
function spawnedCommand(started: PluginHandle): string | undefined {
  const detail = started.startupSteps.find((step) => step.name === 'spawn')?.detail;
  const words = detail?.replace(/^pid \d+: /, '').split(' ') ?? [];
  const afterWrapper = words.indexOf('--');
  return (afterWrapper >= 0 && path.basename(words[0] ?? '') === 'setpriv' ? words[afterWrapper + 1] : words[0]) || undefined;
}

async function defaultPython(): Promise<string | undefined> {
  const choice = await findPython({ modules: [], installHint: '' });
  return choice.available ? choice.python : undefined;
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
