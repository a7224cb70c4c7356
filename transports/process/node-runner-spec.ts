/**
 * The command that starts a Node plugin runner. With `sandbox`, the runner runs
 * under Node's permission model (it may read only the plugin's folder and
 * plugbench's own code), with a small heap and none of the host's environment.
 */
import path from 'node:path';
import { builtSibling, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { sandboxEnv } from '../../src/core/sandbox/limits.js';
import { nodeSandboxArgs, runtimeReadable } from '../../src/core/sandbox/node-permission.js';
import type { StartOptions } from '../../src/core/transport.js';
import { runnerFile } from './runner-bundle.js';
import { PLUGIN_PATH_ENV, runnerEnv } from './runner-env.js';
import type { ProcessSpec } from './spawn-plugin.js';

export type RunnerSpec = Omit<ProcessSpec, 'name' | 'onStderrLine'>;

/** What a process target runs for one start: a Node runner, a Python script... */
export type SpecFor = (options: StartOptions) => RunnerSpec | Promise<RunnerSpec>;

/**
 * The Node runner `file` next to the module at `fromUrl` (its compiled twin, or
 * the one-file bundle of it when a fresh one was built), running the sample plugin by default.
 */
export function nodeRunnerAt(fromUrl: string, file: string, readable: readonly string[] = []): SpecFor {
  const entry = runnerFile(builtSibling(fromUrl, file));
  return (options) => nodeRunnerSpec(entry, options, sampleJsPlugin(), readable);
}

/** `entry`: the runner script; `readable`: files it needs beyond plugbench's dist/ and node_modules/ (a .proto). */
export function nodeRunnerSpec(entry: string, options: StartOptions, defaultPluginPath: string, readable: readonly string[] = []): RunnerSpec {
  const env = runnerEnv(options, defaultPluginPath);
  if (!options.sandbox) return { command: process.execPath, args: [entry], env };
  const pluginDir = path.dirname(env[PLUGIN_PATH_ENV] ?? defaultPluginPath);
  return {
    command: process.execPath,
    args: [...nodeSandboxArgs(pluginDir, { readable: [...runtimeReadable(), ...readable] }), entry],
    env: { ...sandboxEnv(), ...env },
    inheritEnv: false,
  };
}
