/**
 * Everything the benchmark starts (plugin handles, supervisors, floor peers)
 * goes on a stop list, so every path (success, failure, timeout, Ctrl-C) stops
 * it. Stopping is graceful first; whatever still has a live pid after the grace
 * period is killed.
 */

export interface Stoppable {
  stop(): Promise<void>;
  /** OS process id, for things that run in a child process. */
  readonly pid?: number | undefined;
}

const DEFAULT_GRACE_MS = 2_000;

export class StopList {
  readonly #items = new Set<Stoppable>();
  readonly #scopes = new Set<StopList>();

  /** Puts `item` on the list and returns it, for `const h = list.add(await target.start())`. */
  add<T extends Stoppable>(item: T): T {
    this.#items.add(item);
    return item;
  }

  /** Stops `item` now and takes it off the list. */
  async release(item: Stoppable): Promise<void> {
    this.#items.delete(item);
    await item.stop();
  }

  /** A nested list (one suite on one target); stopping the parent stops it too. */
  scope(): StopList & AsyncDisposable {
    const child: ScopedStopList = new ScopedStopList(() => this.#scopes.delete(child));
    this.#scopes.add(child);
    return child;
  }

  /** Pids of every live item, in this list and its scopes. */
  pids(): number[] {
    const own = [...this.#items].flatMap((item) => (item.pid === undefined ? [] : [item.pid]));
    return [...own, ...[...this.#scopes].flatMap((scope) => scope.pids())];
  }

  /** Stops everything concurrently; anything with a pid still alive after `graceMs` gets SIGKILL. */
  async stopAll(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    const pids = this.pids();
    const items = [...this.#items];
    const scopes = [...this.#scopes];
    this.#items.clear();
    const stopping = Promise.allSettled([...items.map((item) => item.stop()), ...scopes.map((scope) => scope.stopAll(graceMs))]);
    const graceful = await Promise.race([stopping.then(() => true), delay(graceMs).then(() => false)]);
    if (!graceful) killPids(pids);
  }

  /** Synchronous last resort (a second Ctrl-C, process exit): SIGKILL every known pid. */
  killAll(): void {
    killPids(this.pids());
  }
}

class ScopedStopList extends StopList implements AsyncDisposable {
  #closed = false;

  constructor(private readonly detach: () => void) {
    super();
  }

  /** A start that finishes after its suite ended (deadline, Ctrl-C) is stopped at once, not leaked. */
  override add<T extends Stoppable>(item: T): T {
    if (this.#closed) {
      void item.stop().catch(() => {});
      return item;
    }
    return super.add(item);
  }

  override async stopAll(graceMs?: number): Promise<void> {
    this.#closed = true;
    await super.stopAll(graceMs);
    this.detach();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopAll();
  }
}

function killPids(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
