/**
 * What the Python targets share: how to start a runner in sample-plugins/python
 * with the interpreter that can run it.
 */
import { PluginError } from '../../src/core/errors.js';
import { packagePath } from '../../src/core/runtime-paths.js';
import type { StartOptions } from '../../src/core/transport.js';
import type { RunnerSpec } from '../process/node-runner-spec.js';
import { runnerEnv } from '../process/runner-env.js';
import { findPython, type PythonRequirement } from './find-python.js';

const PYTHON_PLUGIN_DIR = ['sample-plugins', 'python'] as const;

/** The process to start for `script` (a runner in sample-plugins/python), or UNAVAILABLE with the reason. */
export async function pythonSpec(script: string, requirement: PythonRequirement, options: StartOptions): Promise<RunnerSpec> {
  const choice = await findPython(requirement);
  if (!choice.available) throw new PluginError('UNAVAILABLE', choice.reason);
  return {
    command: choice.python,
    // -u: unbuffered, so the handshake line and every message leave at once.
    args: ['-u', packagePath(...PYTHON_PLUGIN_DIR, script)],
    env: { ...runnerEnv(options, packagePath(...PYTHON_PLUGIN_DIR, 'revert_plugin.py')), PYTHONDONTWRITEBYTECODE: '1' },
  };
}
