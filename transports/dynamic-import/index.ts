/**
 * dynamic-import: a plugin file found at run time by path, loaded with import(),
 * checked against the contract before use, and reloadable without restarting the
 * host (each reload imports a fresh module URL, so the new code runs).
 */
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { importPlugin } from '../../src/core/load-plugin.js';
import type { PluginModule } from '../../src/core/plugin-module.js';
import { createDispatcher, type Dispatch } from '../../src/core/plugin-dispatcher.js';
import { jsPluginFile } from '../../src/core/runtime-paths.js';
import { BasePluginHandle, type InvokeContext, type StartOptions, type Target } from '../types.js';

export class DynamicImportHandle extends BasePluginHandle {
  #dispatch: Dispatch;
  #version: string | undefined;

  private constructor(
    readonly file: string,
    plugin: PluginModule,
    options: StartOptions,
  ) {
    super('dynamic-import', options);
    this.#dispatch = this.makeDispatch(plugin);
    this.#version = plugin.version;
  }

  static async open(file: string, options: StartOptions): Promise<DynamicImportHandle> {
    const started = performance.now();
    const plugin = await importPlugin(file);
    const handle = new DynamicImportHandle(file, plugin, options);
    handle.recordStep('import', performance.now() - started, file);
    return handle;
  }

  /** Version string the loaded module exports, if any. */
  get version(): string | undefined {
    return this.#version;
  }

  /**
   * Imports the file again and switches to the new code. Calls already running
   * finish on the old module; a file that no longer meets the contract leaves
   * the old module in place and rejects with START_FAILED.
   */
  async reload(): Promise<void> {
    if (!this.running) throw new PluginError('CLOSED', 'dynamic-import: plugin is stopped; start a new one');
    const started = performance.now();
    const plugin = await importPlugin(this.file);
    const previous = this.#dispatch;
    this.#dispatch = this.makeDispatch(plugin);
    this.#version = plugin.version;
    await previous('exit', [], 1).catch(() => {});
    this.recordStep('reload', performance.now() - started, this.file);
  }

  protected invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    return this.#dispatch(method, args, context.depth);
  }

  protected async ping(): Promise<void> {}

  protected async shutdown(): Promise<void> {
    await this.#dispatch('exit', [], 1).catch(() => {});
  }

  private makeDispatch(plugin: PluginModule): Dispatch {
    return createDispatcher(plugin, {
      hostCall: (name, args, depth) => this.handleHostCall(name, args, depth),
      faultInjection: this.options.faultInjection ?? false,
    });
  }
}

export const dynamicImportTarget: Target = {
  name: 'dynamic-import',
  channel: 'function',
  family: 'in-process',
  description: 'Plugin file found at run time, loaded with import() and reloadable without a restart',
  capabilities: {
    hangRecoverable: false,
    hangNote: 'the module runs on the host thread; a synchronous loop blocks it',
    crashIsolated: false,
    callbacks: true,
    protections: ['contract-check'],
  },
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(jsPluginFile(options)),
  start: (options = {}) => DynamicImportHandle.open(jsPluginFile(options), options),
};
