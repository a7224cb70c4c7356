/**
 * One running plugin per target, shared by the suites that measure warm calls
 * (latency, throughput, payload, callback), so a target pays for one start
 * instead of four. Started on first use, replaced if it died, stopped after the
 * target's last suite. Cold figures (startup, recovery, swap) start their own.
 */
import type { PluginHandle } from '../core/transport.js';
import type { StopList } from './stop-list.js';

export class WarmPlugin<H extends PluginHandle = PluginHandle> {
  #handle: Promise<H> | undefined;
  #ended = false;

  constructor(
    private readonly start: () => Promise<H>,
    private readonly stopList: StopList,
  ) {}

  /** The running plugin, started now if there is none or the last one ended. */
  get(): Promise<H> {
    if (!this.#handle || this.#ended) {
      this.#ended = false;
      const starting = this.start().then((handle) => {
        this.stopList.add(handle);
        void handle.exited.then(() => {
          if (this.#handle === starting) this.#ended = true;
        });
        return handle;
      });
      starting.catch(() => {
        if (this.#handle === starting) this.#handle = undefined;
      });
      this.#handle = starting;
    }
    return this.#handle;
  }

  /** Stops the current plugin, if any; the next `get()` starts a fresh one. */
  async reset(): Promise<void> {
    const starting = this.#handle;
    this.#handle = undefined;
    const handle = await starting?.catch(() => undefined);
    if (handle) await this.stopList.release(handle);
  }
}
