/**
 * vm: the plugin script runs in a node:vm context on the host's thread. Every
 * entry into the context (the call itself, and the jobs after each host
 * callback) runs under a time limit, so a script that loops forever gets
 * TIMEOUT and the context stays usable. Not a security boundary: node:vm shares
 * the process and has no memory limit.
 */
import vm from 'node:vm';
import type { OpenConnection } from '../../src/core/connection.js';
import { pluginFile } from '../../src/core/descriptor-target.js';
import { PluginError } from '../../src/core/errors.js';
import type { StartOptions } from '../../src/core/transport.js';
import { EngineCalls, reportStep, type Engine } from '../engine-common/engine-calls.js';
import { callRef, PRELUDE_SOURCE, type BridgeKind } from '../engine-common/prelude.js';
import { checkScript, describeScript, readScript, type ScriptSource } from '../engine-common/script-plugin.js';
import { descriptor } from './descriptor.js';

interface PreludeApi {
  describe(): string;
  invoke(ref: number, method: string, args: unknown[]): string | undefined;
}

/**
 * Entered once per call: one global lookup (each costs a trip through the
 * context's sandbox interceptor), reaching a host function that runs the request.
 */
const INVOKE = new vm.Script('__plugbench()', { filename: 'plugbench:invoke' });
const NO_ARGS: unknown[] = [];
/** Entered after a host callback: runs the context's pending promise jobs. */
const DRAIN = new vm.Script('', { filename: 'plugbench:drain' });

class VmEngine implements Engine {
  #context: vm.Context | undefined;
  #api!: PreludeApi;
  /** The request the next INVOKE runs. */
  #ref = 0;
  #method = '';
  #args = NO_ARGS;

  constructor(
    private readonly calls: EngineCalls,
    options: StartOptions,
  ) {
    // afterEvaluate: promise jobs queued in the context run inside the timed entry, not on the host's queue.
    const sandbox = { __plugbench: () => this.#api.invoke(this.#ref, this.#method, this.#args) };
    this.#context = vm.createContext(sandbox, { name: 'plugbench plugin', microtaskMode: 'afterEvaluate' });
    const makePrelude = vm.runInContext(PRELUDE_SOURCE, this.#context, { filename: 'plugbench:prelude' }) as (...args: unknown[]) => PreludeApi;
    this.#api = makePrelude(
      (kind: BridgeKind, callId: number, depth: number, name: string, args: unknown[], resolve: (v: unknown) => void, reject: (e: unknown) => void) =>
        calls.request(callId, kind, name, [...args], depth, (ok, value, budgetMs) => {
          if (ok) resolve(value);
          else reject(value);
          this.#run(DRAIN, budgetMs);
        }),
      (callId: number, ok: boolean, value: unknown) => calls.finish(callId, ok, value),
      options.faultInjection ?? false,
      false, // strings cross as JS values, no C strings
      false, // no memory limit: node:vm shares the host's heap
    );
  }

  /** Runs the plugin script; returns "name version" for the narration. */
  load(source: ScriptSource, budgetMs: number): string {
    try {
      vm.runInContext(source.code, this.#context!, { filename: source.file, timeout: budgetMs });
    } catch (error) {
      throw new PluginError('START_FAILED', `plugin script ${source.file} failed to load: ${(error as Error).message}`, { cause: error });
    }
    return describeScript(checkScript(this.#api.describe(), source.file), source.file);
  }

  enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void {
    this.#ref = callRef(callId, depth);
    this.#method = method;
    this.#args = args;
    const result = this.#run(INVOKE, budgetMs);
    this.#args = NO_ARGS;
    if (result !== undefined) this.calls.finish(callId, true, result);
  }

  dispose(): void {
    this.#context = undefined;
  }

  #run(script: vm.Script, budgetMs: number): unknown {
    if (!this.#context) throw new PluginError('CLOSED', 'vm: plugin is stopped');
    try {
      return script.runInContext(this.#context, { timeout: budgetMs });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new PluginError('TIMEOUT', `vm: the script ran past its ${budgetMs} ms limit and was stopped`, { data: { timeoutMs: budgetMs } });
      }
      throw error;
    }
  }
}

export const open: OpenConnection = async ({ options, host }) => {
  const source = await readScript(pluginFile(descriptor, options));
  const began = performance.now();
  const calls = new EngineCalls(host);
  const engine = new VmEngine(calls, options);
  reportStep(host, 'evaluate', began, engine.load(source, options.startTimeoutMs ?? 10_000));
  return calls.connect(engine);
};
