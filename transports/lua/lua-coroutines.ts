/**
 * The coroutines of one Lua state: one per call in flight (a host callback
 * yields it and the host resumes it with the answer), each anchored in the
 * registry while it lives. One that returned is emptied and kept for the next
 * call, so a call usually creates none.
 */
import type { LuaWasm } from 'wasmoon';

export const LUA_REGISTRYINDEX = -1_000_000 - 1000;
/** Finished coroutines kept for the next calls. */
const IDLE_COROUTINES = 4;

/** One call in flight: its coroutine and the registry reference that keeps it. */
export interface LuaRun {
  callId: number;
  thread: number;
  ref: number;
}

export class LuaCoroutines {
  /** Coroutines of the calls waiting for the host (a host function, a sleep, a stall), by call id. */
  readonly #waiting = new Map<number, LuaRun>();
  readonly #idle: LuaRun[] = [];
  #closed = false;

  constructor(
    private readonly lua: LuaWasm,
    private readonly L: number,
  ) {}

  /** A coroutine for a call: an idle one if there is one, else a new one. */
  take(callId: number): LuaRun {
    const idle = this.#idle.pop();
    if (idle) {
      idle.callId = callId;
      return idle;
    }
    const thread = this.lua.lua_newthread(this.L);
    return { callId, thread, ref: this.lua.luaL_ref(this.L, LUA_REGISTRYINDEX) };
  }

  /** The call's coroutine yielded for the host: it waits until resumed, dropped or closed. */
  wait(run: LuaRun): void {
    this.#waiting.set(run.callId, run);
  }

  waiting(callId: number): LuaRun | undefined {
    return this.#waiting.get(callId);
  }

  /** A coroutine that returned can run another call: its stack is emptied and it is kept, up to IDLE_COROUTINES. */
  recycle(run: LuaRun): void {
    this.#waiting.delete(run.callId);
    if (this.#idle.length >= IDLE_COROUTINES) return this.release(run);
    this.lua.lua_settop(run.thread, 0);
    this.#idle.push(run);
  }

  /** Drops a coroutine that is done for good (failed, interrupted, dropped). */
  release(run: LuaRun): void {
    this.#waiting.delete(run.callId);
    if (!this.#closed) this.lua.luaL_unref(this.L, LUA_REGISTRYINDEX, run.ref);
  }

  /** The state is closing: nothing is unreferenced any more. */
  close(): void {
    this.#closed = true;
    this.#waiting.clear();
    this.#idle.length = 0;
  }
}
