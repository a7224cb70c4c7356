/**
 * What both Python targets share: where the Python plugins live, how to start
 * one with the interpreter that can run it, and the availability check.
 */
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { packagePath } from '../../src/core/runtime-paths.js';
import type { StartOptions } from '../../src/core/transport.js';
import { runnerEnv } from '../process/runner-env.js';
import type { ProcessSpec } from '../process/spawn-plugin.js';
import { findPython, type PythonRequirement } from './find-python.js';

export const PYTHON_PLUGIN_DIR = ['sample-plugins', 'python'] as const;

export function pythonPluginDir(options: StartOptions = {}): string {
  return options.pluginPath ? path.dirname(path.resolve(options.pluginPath)) : packagePath(...PYTHON_PLUGIN_DIR);
}

/** The process to start for `script` (a runner in sample-plugins/python), or UNAVAILABLE with the reason. */
export async function pythonSpec(script: string, requirement: PythonRequirement, options: StartOptions): Promise<Omit<ProcessSpec, 'name' | 'onStderrLine'>> {
  const choice = await findPython(requirement);
  if (!choice.available) throw new PluginError('UNAVAILABLE', choice.reason);
  return {
    command: choice.python,
    // -u: unbuffered, so the handshake line and every message leave at once.
    args: ['-u', packagePath(...PYTHON_PLUGIN_DIR, script)],
    env: { ...runnerEnv(options, packagePath(...PYTHON_PLUGIN_DIR, 'revert_plugin.py')), PYTHONDONTWRITEBYTECODE: '1' },
  };
}
