/**
 * The host's calls waiting for their answers, by id (MessageClient, JsonRpc1Peer).
 * One call at a time is the common case (the benchmark, most hosts): it sits in one
 * slot, because a Map entry set and deleted per call cost ~0.1 µs (the map's table
 * is rebuilt every few calls as ids come and go). Calls made while another waits go
 * in the Map.
 */
export class WaitingCalls<T> {
  #soloId = -1;
  #solo: T | undefined;
  readonly #more = new Map<number, T>();

  add(id: number, waiter: T): void {
    if (this.#solo === undefined) {
      this.#soloId = id;
      this.#solo = waiter;
    } else this.#more.set(id, waiter);
  }

  /** The waiter for `id`, removed; undefined when none waits under it. */
  take(id: number): T | undefined {
    if (id === this.#soloId && this.#solo !== undefined) {
      const waiter = this.#solo;
      this.#solo = undefined;
      this.#soloId = -1;
      return waiter;
    }
    const waiter = this.#more.get(id);
    if (waiter !== undefined) this.#more.delete(id);
    return waiter;
  }

  /** How many wait. */
  get size(): number {
    return (this.#solo === undefined ? 0 : 1) + this.#more.size;
  }

  /** Every waiter, removed. */
  takeAll(): T[] {
    const all: T[] = this.#solo === undefined ? [] : [this.#solo];
    all.push(...this.#more.values());
    this.#solo = undefined;
    this.#soloId = -1;
    this.#more.clear();
    return all;
  }
}
