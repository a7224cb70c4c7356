/**
 * Spin-then-wait, used by both ends when asked (SabStartOptions.spinMicros): poll
 * for up to `spinMs` before falling back to a real wait. It backs off on its own:
 * after spins that found nothing it stops spinning, and tries again once every
 * PROBE_EVERY waits, so a side that cannot win (no free core) costs almost nothing.
 */
const PROBE_EVERY = 64;
const CREDIT_MAX = 8;

export class Spinner {
  #credit = CREDIT_MAX;
  #waits = 0;

  constructor(private readonly spinMs: number) {}

  /** Polls `ready` for up to spinMs; true when it became ready. Never spins when spinMs is 0. */
  spin(ready: () => boolean): boolean {
    if (this.spinMs === 0) return false;
    if (this.#credit <= 0 && ++this.#waits % PROBE_EVERY !== 0) return false;
    const end = performance.now() + this.spinMs;
    while (!ready()) {
      if (performance.now() >= end) {
        this.#credit -= 2;
        return false;
      }
    }
    this.#credit = Math.min(CREDIT_MAX, this.#credit + 1);
    return true;
  }
}
