/**
 * The calls in flight inside one embedded engine (vm, QuickJS, Lua, wasm), and
 * the connection the runner drives. Every entry into the engine gets the time
 * its call has left (`call.timeoutMs` when it is sent, its stored deadline on
 * each later entry), so the engine itself stops a runaway script: the runner's
 * timer cannot fire while a script spins on the host's thread.
 *
 * A call the engine answers within its first entry (the usual case) is answered
 * synchronously: `send` returns the value or throws, with no table entry, no
 * promise and no signal. Only a call left waiting (for a host function, a
 * sleep) is stored and gets a promise, and only it reads `call.signal`, so the
 * engine can drop what it holds when the runner gives the call up.
 */
import type { CallContext, Connection, ConnectionHost } from '../../src/core/connection.js';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { sleep } from './container-faults.js';
import { toEngineError } from './engine-error.js';

/** Longest a single entry into the engine may run when the call has no deadline. */
export const RUNAWAY_GUARD_MS = 10_000;
/** How long `exit` may run when the plugin stops. */
const EXIT_BUDGET_MS = 1_000;

/** What an engine supplies; the call table drives it. */
export interface Engine {
  /** Starts `method` for call `callId` within `budgetMs`; its outcome arrives through `finish` or `fail`. */
  enter(callId: number, method: string, args: unknown[], depth: number, budgetMs: number): void;
  /** The runner gave up a call still waiting in the engine (timeout, cancel, stop): free what it holds. */
  drop?(callId: number): void;
  /** Releases the engine; called once. */
  dispose(): void;
  /** A line for a healthy health check (e.g. the copy cost so far). */
  healthDetail?(): string;
}

/** Re-enters the engine with the answer to one of its requests, within `budgetMs`. */
export type Resume = (ok: boolean, value: unknown, budgetMs: number) => void;

interface WaitingCall {
  resolve(value: unknown): void;
  reject(error: PluginError): void;
  deadline: number | undefined;
}

export class EngineCalls {
  #next = 0;
  readonly #waiting = new Map<number, WaitingCall>();
  /** The call inside its first entry; its outcome is kept here instead of in the table. */
  #entering = 0;
  #answered = false;
  #ok = false;
  #value: unknown;
  #engine: Engine | undefined;
  #closed = false;
  #dead = false;

  constructor(readonly host: ConnectionHost) {}

  /** The connection over `engine`, which reports its outcomes to this table. */
  connect(engine: Engine): Connection {
    this.#engine = engine;
    return {
      send: (method, args, call) => this.send(method, args, call),
      ping: async () => {
        if (this.#closed) throw new PluginError('CLOSED', `${this.host.target}: plugin is stopped`);
        return engine.healthDetail?.();
      },
      close: () => this.close(),
    };
  }

  /** The value (or a throw) when the engine answered within this entry, else a promise of it. */
  send(method: string, args: unknown[], call: CallContext): unknown {
    if (this.#closed) throw new PluginError('CLOSED', `${this.host.target}: plugin is stopped`);
    const timeoutMs = call.timeoutMs;
    const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
    const id = ++this.#next;
    // Saved and restored (in locals: nothing allocated), so a call entered while another is entering cannot take its answer.
    const entering = this.#entering;
    const answered = this.#answered;
    const ok = this.#ok;
    const value = this.#value;
    this.#entering = id;
    this.#answered = false;
    let failure: PluginError | undefined;
    try {
      this.#engine!.enter(id, method, args, call.depth, budgetOf(timeoutMs));
    } catch (error) {
      failure = toPluginError(error);
    }
    const wasAnswered = this.#answered;
    const wasOk = this.#ok;
    const outcome = this.#value;
    this.#entering = entering;
    this.#answered = answered;
    this.#ok = ok;
    this.#value = value;
    if (wasAnswered && wasOk) return outcome;
    if (wasAnswered) throw outcome;
    if (failure) throw failure;
    return this.#wait(id, deadline, call);
  }

  /** The engine's answer for a call: a value, or a `{code, message, data}` error. Unknown ids are ignored. */
  finish(callId: number, ok: boolean, value: unknown): void {
    this.#settle(callId, ok, ok ? value : toEngineError(value));
  }

  fail(callId: number, error: PluginError): void {
    this.#settle(callId, false, error);
  }

  /** True while the call waits for its outcome. */
  isOpen(callId: number): boolean {
    return callId === this.#entering ? !this.#answered : this.#waiting.has(callId);
  }

  /**
   * The engine asks the host for something (a host function, or a sleep) on
   * behalf of a call; `resume` re-enters the engine with the answer, within the
   * time the call has left. Nothing is resumed for a call that ended meanwhile.
   */
  request(callId: number, kind: 'host' | 'sleep', name: string, args: unknown[], depth: number, resume: Resume): void {
    // Leave the engine first: a host function may call the plugin again, which must not nest inside this entry.
    queueMicrotask(() => {
      const work = kind === 'sleep' ? sleep(Number(args[0]) || 0) : this.host.hostCall(name, args, depth);
      work.then(
        (answer) => this.#resume(callId, resume, true, answer ?? null),
        (error: unknown) => this.#resume(callId, resume, false, toPluginError(error, 'HOST_ERROR').toJSON()),
      );
    });
  }

  /** The engine cannot run again: the runner fails every call with CRASHED and closes. */
  died(message: string): PluginError {
    this.#dead = true;
    this.host.closed({ code: 'CRASHED', message });
    return new PluginError('CRASHED', `${this.host.target}: ${message}`);
  }

  /** Lets the plugin's exit() run briefly, fails what is left with CLOSED and releases the engine. */
  async close(): Promise<void> {
    if (this.#closed || !this.#engine) return;
    if (!this.#dead) await this.#exit();
    this.#closed = true;
    const closed = new PluginError('CLOSED', `${this.host.target}: plugin was stopped`);
    for (const id of [...this.#waiting.keys()]) this.fail(id, closed);
    try {
      this.#engine.dispose();
    } catch {
      // A dead engine may fail to release; it is dropped either way.
    }
  }

  async #exit(): Promise<void> {
    const abandon = new AbortController();
    let exit: unknown;
    try {
      exit = this.send('exit', [], { depth: 1, timeoutMs: EXIT_BUDGET_MS, signal: abandon.signal, onGiveUp: () => {} });
    } catch {
      return; // exit() failed at once: nothing to wait for
    }
    if (!(exit instanceof Promise)) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exit, new Promise((resolve) => (timer = setTimeout(resolve, EXIT_BUDGET_MS)))]).catch(() => {});
    clearTimeout(timer);
    abandon.abort();
  }

  #wait(id: number, deadline: number | undefined, call: CallContext): Promise<unknown> {
    const settled = new Promise<unknown>((resolve, reject) => this.#waiting.set(id, { resolve, reject, deadline }));
    const signal = call.signal;
    const drop = () => {
      if (this.#waiting.delete(id)) this.#engine!.drop?.(id);
    };
    if (signal.aborted) drop();
    else signal.addEventListener('abort', drop, { once: true });
    return settled;
  }

  #settle(callId: number, ok: boolean, value: unknown): void {
    if (callId === this.#entering) {
      if (this.#answered) return;
      this.#answered = true;
      this.#ok = ok;
      this.#value = value;
      return;
    }
    const call = this.#waiting.get(callId);
    if (!call) return;
    this.#waiting.delete(callId);
    if (ok) call.resolve(value);
    else call.reject(value as PluginError);
  }

  #resume(callId: number, resume: Resume, ok: boolean, value: unknown): void {
    const call = this.#waiting.get(callId);
    if (this.#closed || !call) return;
    try {
      resume(ok, value, budgetOf(call.deadline === undefined ? undefined : call.deadline - performance.now()));
    } catch (error) {
      this.fail(callId, toPluginError(error));
    }
  }
}

/** Milliseconds an entry may run for a call with `timeoutMs` left (at least 1). */
function budgetOf(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return RUNAWAY_GUARD_MS;
  return Math.max(1, Math.min(RUNAWAY_GUARD_MS, Math.ceil(timeoutMs)));
}

/** Reports a startup step that began at `began` (performance.now()). */
export function reportStep(host: ConnectionHost, name: string, began: number, detail?: string): void {
  host.event(detail === undefined ? { type: 'step', name, ms: performance.now() - began } : { type: 'step', name, ms: performance.now() - began, detail });
}
