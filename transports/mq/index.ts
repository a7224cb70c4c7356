/**
 * mq and mq-python: the revert plugin behind ZeroMQ (DEALER/ROUTER over loopback
 * TCP, JSON frames), as a Node child process or a Python one (python3-zmq), or
 * any endpoint given with `StartOptions.endpoint`.
 */
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { builtPath, builtSibling, packagePath } from '../../src/core/runtime-paths.js';
import { SAMPLE_PLUGIN_JS } from '../dynamic-import/index.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import type { Target } from '../types.js';
import { MqHandle } from './mq-handle.js';
import { pickPython } from './pick-python.js';


/** The interpreter for the Python plugin, or UNAVAILABLE saying how to install python3-zmq. */
async function pythonWithZmq(): Promise<string> {
  const picked = await pickPython(['zmq']);
  if (!picked.ok) throw new PluginError('UNAVAILABLE', `mq-python: ${picked.reason}`);
  return picked.interpreter;
}

const PYTHON_PLUGIN = ['sample-plugins', 'python', 'revert_mq.py'] as const;

export const mqTarget: Target = {
  name: 'mq',
  family: 'process',
  channel: 'zeromq',
  description: 'Node child process serving the plugin on a ZeroMQ ROUTER (DEALER/ROUTER over loopback TCP, JSON frames)',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(path.resolve(options.pluginPath ?? builtPath(...SAMPLE_PLUGIN_JS))),
  start: (options = {}) =>
    MqHandle.open(
      'mq',
      async () => ({
        command: process.execPath,
        args: [builtSibling(import.meta.url, './plugin-entry.js')],
        pluginPath: builtPath(...SAMPLE_PLUGIN_JS),
      }),
      options,
    ),
};

export const mqPythonTarget: Target = {
  name: 'mq-python',
  family: 'process',
  channel: 'zeromq',
  description: 'Python child process serving the plugin on a ZeroMQ ROUTER (python3-zmq, asyncio)',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => {
    const picked = await pickPython(['zmq']);
    return picked.ok ? { available: true } : { available: false, reason: picked.reason };
  },
  pluginDir: (options = {}) => path.dirname(path.resolve(options.pluginPath ?? packagePath(...PYTHON_PLUGIN))),
  start: (options = {}) =>
    MqHandle.open(
      'mq-python',
      async () => ({
        command: await pythonWithZmq(),
        args: [path.resolve(options.pluginPath ?? packagePath(...PYTHON_PLUGIN))],
      }),
      options,
    ),
};
