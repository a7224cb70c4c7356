/**
 * mq and mq-python: the revert plugin behind ZeroMQ (DEALER/ROUTER over loopback
 * TCP, JSON frames), as a Node child process or a Python one (python3-zmq), or
 * any endpoint given with `StartOptions.endpoint`.
 */
import path from 'node:path';
import { builtSibling, jsPluginFile, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';
import { runnerEnv } from '../process/runner-env.js';
import { findPython, toAvailability, type PythonRequirement } from '../python/find-python.js';
import { pythonPluginDir, pythonSpec } from '../python/python-target.js';
import type { Target } from '../types.js';
import { MqHandle } from './mq-handle.js';

/** The Python plugin needs python3-zmq beside the standard library. */
const PYTHON_ZMQ: PythonRequirement = {
  modules: ['zmq'],
  installHint: 'Install it with `apt-get install python3-zmq` (Debian/Ubuntu) or `pip install pyzmq`',
};

export const mqTarget: Target = {
  name: 'mq',
  family: 'process',
  channel: 'zeromq',
  description: 'Node child process serving the plugin on a ZeroMQ ROUTER (DEALER/ROUTER over loopback TCP, JSON frames)',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) =>
    MqHandle.open(
      'mq',
      async () => ({
        command: process.execPath,
        args: [builtSibling(import.meta.url, './plugin-entry.js')],
        env: runnerEnv(options, sampleJsPlugin()),
      }),
      options,
    ),
};

export const mqPythonTarget: Target = {
  name: 'mq-python',
  family: 'process',
  channel: 'zeromq',
  description: 'Python child process serving the plugin on a ZeroMQ ROUTER (python3-zmq, calls on a thread pool)',
  capabilities: PROCESS_CAPABILITIES,
  availability: async () => toAvailability(await findPython(PYTHON_ZMQ)),
  pluginDir: pythonPluginDir,
  start: (options = {}) => MqHandle.open('mq-python', () => pythonSpec('revert_mq.py', PYTHON_ZMQ, options), options),
};
