/**
 * native: the plugin written in C as an N-API addon, loaded as a shared library
 * into the host process (the dynamic library that Go's plugin package cannot
 * load portably). Calls are plain function calls; a host callback is a JS
 * function the host passes in, which the addon calls through N-API and whose
 * promise it continues. Machine code on the host's thread: an endless loop or a
 * crash in it takes the host with it.
 */
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { BasePluginHandle, type InvokeContext, type StartOptions, type Target } from '../types.js';
import { addonAvailability, addonPath, loadAddon, type NativeAddon } from './native-build.js';

type Method = (addon: NativeAddon, args: unknown[], host: (name: string, arg: string) => Promise<unknown>) => unknown;

const METHODS: Record<string, Method> = {
  revert: (addon, [text]) => addon.revert(text as string),
  revertWithPrefix: (addon, [text], host) => addon.revertWithPrefix(text as string, host),
  exit: (addon) => addon.exit(),
};
const FAULTS: Record<string, Method> = {
  'fault:hang': (addon) => addon.hang(),
  'fault:throw': (addon) => addon.throwFault(),
};

export class NativeHandle extends BasePluginHandle {
  private constructor(
    private readonly addon: NativeAddon,
    options: StartOptions,
  ) {
    super('native', options);
  }

  static async open(options: StartOptions): Promise<NativeHandle> {
    const file = addonPath(options);
    const began = performance.now();
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
    const handle = new NativeHandle(addon, options);
    handle.recordStep('dlopen', performance.now() - began, path.basename(file));
    return handle;
  }

  protected async invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    const table = this.options.faultInjection && Object.hasOwn(FAULTS, method) ? FAULTS : METHODS;
    const run = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!run) throw new PluginError('METHOD_NOT_FOUND', `plugin has no method "${method}"`, { data: { method } });
    return run(this.addon, args, (name, arg) => this.handleHostCall(name, [arg], context.depth));
  }

  protected async ping(): Promise<void> {}

  protected async shutdown(): Promise<void> {
    this.addon.exit();
  }
}

export const nativeTarget: Target = {
  name: 'native',
  channel: 'function',
  family: 'embedded',
  description: 'Plugin written in C as an N-API addon, loaded as a shared library',
  capabilities: {
    hangRecoverable: false,
    hangNote: 'machine code on the host thread; nothing can interrupt a loop in it short of killing the process',
    crashIsolated: false,
    callbacks: true,
    protections: [],
  },
  availability: addonAvailability,
  pluginDir: (options = {}) => path.dirname(addonPath(options)),
  start: (options = {}) => NativeHandle.open(options),
};
