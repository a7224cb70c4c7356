/**
 * native: the plugin written in C as an N-API addon, loaded as a shared library
 * into the host process (the dynamic library that Go's plugin package cannot
 * load portably). Calls are plain function calls; a host callback is a JS
 * function the host passes in, which the addon calls through N-API and whose
 * promise it continues. Machine code on the host's thread: an endless loop or a
 * crash in it takes the host with it.
 */
import path from 'node:path';
import type { ConnectionHost, OpenConnection } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { refusedFault, sleep } from '../engine-common/container-faults.js';
import { reportStep } from '../engine-common/engine-calls.js';
import { addonPath, loadAddon, type NativeAddon } from './native-build.js';

type Method = (addon: NativeAddon, args: unknown[], host: ConnectionHost, depth: number) => unknown;

const METHODS: Record<string, Method> = {
  revert: (addon, args) => addon.revert(args[0] as string),
  revertWithPrefix: (addon, args, host, depth) => addon.revertWithPrefix(args[0] as string, (name, arg) => host.hostCall(name, [arg], depth)),
  exit: (addon) => addon.exit(),
};
const WITH_FAULTS: Record<string, Method> = {
  ...METHODS,
  'fault:hang': (addon) => addon.hang(),
  'fault:throw': (addon) => addon.throwFault(),
  'fault:sleep': (_addon, args) => sleep(Number(args[0]) || 0).then(() => 'slept'),
  'fault:stall': () => new Promise(() => {}),
  'fault:crash': () => {
    throw refusedFault('fault:crash');
  },
  'fault:garbage': () => {
    throw refusedFault('fault:garbage');
  },
};

function loadChecked(file: string): NativeAddon {
  let addon: NativeAddon;
  try {
    addon = loadAddon(file);
  } catch (error) {
    throw new PluginError('START_FAILED', `native addon ${file} cannot be loaded (${(error as Error).message}); run npm run build:native`, { cause: error });
  }
  const missing = ['revert', 'exit'].filter((name) => typeof (addon as unknown as Record<string, unknown>)[name] !== 'function');
  if (missing.length > 0) {
    throw new PluginError('START_FAILED', `${file} does not meet the plugin contract: missing ${missing.join(', ')}`, { data: { missing } });
  }
  return addon;
}

export const open: OpenConnection = async ({ options, host }) => {
  const file = addonPath(options);
  const began = performance.now();
  const addon = loadChecked(file);
  reportStep(host, 'dlopen', began, path.basename(file));
  const methods = options.faultInjection ? WITH_FAULTS : METHODS;
  return {
    // A call is the addon function itself: its value (or its throw) is the call's answer, at once.
    send: (method, args, call) => {
      const run = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (!run) throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
      return run(addon, args, host, call.depth);
    },
    ping: async () => {},
    close: async () => addon.exit(),
  };
};
