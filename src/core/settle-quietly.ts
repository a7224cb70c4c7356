/** Runs `work` (sync or async) and waits for it, ignoring how it ends: for a courtesy call such as a plugin's `exit()` during stop. */
export async function settleQuietly(work: () => unknown): Promise<void> {
  try {
    await work();
  } catch {
    // the plugin's own exit failing does not stop the stop
  }
}
