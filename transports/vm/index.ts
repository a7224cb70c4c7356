/**
 * vm: the plugin script runs in a node:vm context on the host's thread. Every
 * entry into the context (the call itself, and the jobs after each host
 * callback) runs under a time limit, so a script that loops forever gets
 * TIMEOUT and the context stays usable. Not a security boundary: node:vm shares
 * the process and has no memory limit.
 */
import path from 'node:path';
import vm from 'node:vm';
import { PluginError } from '../../src/core/errors.js';
import { PRELUDE_SOURCE, type BridgeKind } from '../engine-common/prelude.js';
import { EngineHandle, type EngineSettle } from '../engine-common/engine-handle.js';
import { checkScript, describeScript, readScript, scriptPath } from '../engine-common/script-plugin.js';
import type { StartOptions, Target } from '../types.js';

interface PreludeApi {
  describe(): string;
  invoke(callId: number, method: string, args: unknown[], depth: number): void;
}

interface Request {
  callId: number;
  method: string;
  args: unknown[];
  depth: number;
}

/** Entered once per call: reads the request the host left on the context. */
const INVOKE = new vm.Script('__plugbench.api.invoke(__plugbench.request.callId, __plugbench.request.method, __plugbench.request.args, __plugbench.request.depth)', {
  filename: 'plugbench:invoke',
});
/** Entered after a host callback: runs the context's pending promise jobs. */
const DRAIN = new vm.Script('', { filename: 'plugbench:drain' });

export class VmHandle extends EngineHandle {
  #context: vm.Context | undefined;
  #bridge: { api?: PreludeApi; request?: Request };

  private constructor(options: StartOptions) {
    super('vm', options);
    this.#bridge = {};
    // afterEvaluate: promise jobs queued in the context run inside the timed entry, not on the host's queue.
    this.#context = vm.createContext({ __plugbench: this.#bridge }, { name: 'plugbench plugin', microtaskMode: 'afterEvaluate' });
  }

  static async open(options: StartOptions): Promise<VmHandle> {
    const source = await readScript(options);
    const handle = new VmHandle(options);
    const started = performance.now();
    const context = handle.#context!;
    const makePrelude = vm.runInContext(PRELUDE_SOURCE, context, { filename: 'plugbench:prelude' }) as (...args: unknown[]) => PreludeApi;
    handle.#bridge.api = makePrelude(
      (kind: BridgeKind, callId: number, depth: number, name: string, args: unknown[], resolve: (v: unknown) => void, reject: (e: unknown) => void) =>
        handle.onBridge(kind, callId, depth, name, [...args], (ok, value) => (ok ? resolve(value) : reject(value))),
      (callId: number, ok: boolean, value: unknown) => handle.calls.finish(callId, ok, value),
      options.faultInjection ?? false,
      false, // strings cross as JS values, no C strings
      false, // no memory limit: node:vm shares the host's heap
    );
    try {
      vm.runInContext(source.code, context, { filename: source.file, timeout: options.startTimeoutMs ?? 10_000 });
    } catch (error) {
      throw new PluginError('START_FAILED', `plugin script ${source.file} failed to load: ${(error as Error).message}`, { cause: error });
    }
    const description = checkScript(handle.#bridge.api.describe(), source.file);
    handle.recordStep('evaluate', performance.now() - started, describeScript(description, source.file));
    return handle;
  }

  protected enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void {
    this.#bridge.request = { callId, method, args, depth };
    this.run(INVOKE, budgetMs);
  }

  protected resume(settle: EngineSettle, ok: boolean, value: unknown, budgetMs: number): void {
    settle(ok, value);
    this.run(DRAIN, budgetMs);
  }

  protected dispose(): void {
    this.#context = undefined;
  }

  private run(script: vm.Script, budgetMs: number): void {
    if (!this.#context) throw new PluginError('CLOSED', 'vm: plugin is stopped');
    try {
      script.runInContext(this.#context, { timeout: budgetMs });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new PluginError('TIMEOUT', `vm: the script ran past its ${budgetMs} ms limit and was stopped`, { data: { timeoutMs: budgetMs } });
      }
      throw error;
    }
  }
}

export const vmTarget: Target = {
  name: 'vm',
  channel: 'function',
  family: 'embedded',
  description: 'Plain-script plugin in a node:vm context with a time limit on every entry',
  capabilities: {
    hangRecoverable: true,
    crashIsolated: false,
    callbacks: true,
    protections: ['separate-globals', 'time-limit'],
  },
  availability: async () => ({ available: true }),
  pluginDir: (options = {}) => path.dirname(scriptPath(options)),
  start: (options = {}) => VmHandle.open(options),
};
