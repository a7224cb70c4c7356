/**
 * in-process: the plugin module is imported at build time and registered, the
 * compile-time plugin pattern (like registering net/http handlers). Fastest, no
 * isolation: a plugin that loops forever blocks the host.
 */
import * as samplePlugin from '../../sample-plugins/typescript/revert-plugin.js';
import { checkPluginModule } from '../../src/core/plugin-module.js';
import { createDispatcher, type Dispatch } from '../../src/core/plugin-dispatcher.js';
import { builtPath } from '../../src/core/runtime-paths.js';
import { BasePluginHandle, type InvokeContext, type StartOptions, type Target } from '../types.js';

/** Runs a module that is already loaded, on the host's own thread. */
export class ModuleHandle extends BasePluginHandle {
  readonly #dispatch: Dispatch;

  constructor(target: string, namespace: unknown, source: string, options: StartOptions) {
    super(target, options);
    const started = performance.now();
    const plugin = checkPluginModule(namespace, source);
    this.#dispatch = createDispatcher(plugin, {
      hostCall: (name, args, depth) => this.handleHostCall(name, args, depth),
      faultInjection: options.faultInjection ?? false,
    });
    this.recordStep('register', performance.now() - started, source);
  }

  protected invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    return this.#dispatch(method, args, context.depth);
  }

  protected async ping(): Promise<void> {}

  protected async shutdown(): Promise<void> {
    await this.#dispatch('exit', [], 1).catch(() => {});
  }
}

export const inProcessTarget: Target = {
  name: 'in-process',
  channel: 'function',
  family: 'in-process',
  description: 'Plugin compiled into the host and called directly (compile-time registration)',
  capabilities: {
    hangRecoverable: false,
    hangNote: 'a synchronous loop runs on the host thread; nothing can interrupt it',
    crashIsolated: false,
    callbacks: true,
    protections: [],
  },
  availability: async () => ({ available: true }),
  pluginDir: () => builtPath('sample-plugins', 'typescript'),
  start: async (options = {}) => new ModuleHandle('in-process', samplePlugin, 'sample-plugins/typescript/revert-plugin', options),
};
