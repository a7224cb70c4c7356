/**
 * dynamic-import: a plugin file found at run time by path, loaded with import(),
 * checked against the contract before use, and reloadable without restarting the
 * host (each reload imports a fresh module URL, so the new code runs).
 */
import type { CallContext, Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { importPlugin } from '../../src/core/load-plugin.js';
import type { PluginModule } from '../../src/core/plugin-module.js';
import { settleQuietly } from '../../src/core/settle-quietly.js';
import { createDirectDispatcher, type DirectDispatch } from '../../src/core/plugin-dispatcher.js';
import { descriptor } from './descriptor.js';

export class DynamicImportConnection implements Connection {
  #dispatch: DirectDispatch;
  #version: string | undefined;

  private constructor(
    readonly file: string,
    plugin: PluginModule,
    private readonly request: OpenRequest,
  ) {
    this.#dispatch = this.#makeDispatch(plugin);
    this.#version = plugin.version;
  }

  static async open(request: OpenRequest): Promise<DynamicImportConnection> {
    const started = performance.now();
    const file = pluginFile(descriptor, request.options);
    const connection = new DynamicImportConnection(file, await importPlugin(file), request);
    request.host.event({ type: 'step', name: 'import', ms: performance.now() - started, detail: file });
    return connection;
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
    const started = performance.now();
    const plugin = await importPlugin(this.file);
    const previous = this.#dispatch;
    this.#dispatch = this.#makeDispatch(plugin);
    this.#version = plugin.version;
    await settleQuietly(() => previous('exit', [], 1));
    this.request.host.event({ type: 'step', name: 'reload', ms: performance.now() - started, detail: this.file });
  }

  send(method: string, args: unknown[], call: CallContext): unknown {
    return this.#dispatch(method, args, call.depth);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await settleQuietly(() => this.#dispatch('exit', [], 1));
  }

  #makeDispatch(plugin: PluginModule): DirectDispatch {
    return createDirectDispatcher(plugin, { hostCall: this.request.host.hostCall, faultInjection: this.request.options.faultInjection ?? false });
  }
}

export const open: OpenConnection = (request) => DynamicImportConnection.open(request);
