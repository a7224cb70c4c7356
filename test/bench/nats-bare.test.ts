/**
 * The bare nats peer needs a nats-server, as the target does: without one it
 * fails with the reason and the install command (the latency suite turns that
 * into a failed bare row), and starts nothing.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../transports/nats/find-nats-server.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../transports/nats/find-nats-server.js')>()),
  findNatsServer: () => undefined,
}));

describe('bare nats peer without nats-server', () => {
  it('fails with the reason and the fix, not a crash', async () => {
    const { start } = await import('../../src/bench/mechanisms/nats-request.js');
    await expect(start({ pluginFile: '/nonexistent/revert-plugin.js' })).rejects.toThrow(/nats-server is not installed; install it with `apt-get install nats-server`/);
  });
});
