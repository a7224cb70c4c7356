/**
 * The calls a runner has in flight, in a list threaded through the calls
 * themselves: adding or removing one writes a few fields. A Set cost ~0.15 µs a
 * call (pinned to one CPU): one call after another comes and goes, and the set's
 * table is rebuilt every few of them; a Map by number costs the same. Iterates in
 * the order the calls were added, as the Set did.
 */
import type { PendingCall } from './pending-call.js';

export class PendingCalls implements Iterable<PendingCall> {
  #first: PendingCall | undefined;
  #last: PendingCall | undefined;

  add(call: PendingCall): void {
    if (call.listed) return;
    call.listed = true;
    call.before = this.#last;
    call.after = undefined;
    if (this.#last) this.#last.after = call;
    else this.#first = call;
    this.#last = call;
  }

  /** Removes `call`; a call that is not in the list is left alone. */
  delete(call: PendingCall): void {
    if (!call.listed) return;
    call.listed = false;
    const { before, after } = call;
    if (before) before.after = after;
    else this.#first = after;
    if (after) after.before = before;
    else this.#last = before;
    call.before = call.after = undefined;
  }

  /** Walks the live list: spread it (`[...calls]`) before settling calls, which removes them. */
  *[Symbol.iterator](): Iterator<PendingCall> {
    for (let call = this.#first; call; call = call.after) yield call;
  }
}
