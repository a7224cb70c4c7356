/** Availability of a target whose engine ships inside an npm package: it is there if it loads. */
import type { Availability } from '../../src/core/transport.js';

/** Available when `load` succeeds; otherwise unavailable with `fix(error message)` as the reason. */
export async function availableIfLoads(load: () => Promise<unknown>, fix: (message: string) => string): Promise<Availability> {
  try {
    await load();
    return { available: true };
  } catch (error) {
    return { available: false, reason: fix((error as Error).message) };
  }
}
