/**
 * TEMPORARY, removed once every transport supplies a Connection: runs an old
 * whole-handle Target behind the core runner so the tree stays green while the
 * transports are ported one by one.
 */
import type { Connection, OpenConnection } from './connection.js';
import type { Target } from './transport.js';

export function legacyOpen(loadTarget: () => Promise<Target>): OpenConnection {
  return async ({ options, host }) => {
    const target = await loadTarget();
    const handle = await target.start({ ...options, onEvent: (event) => host.event(event) });
    void handle.exited.then((info) => {
      if (info.reason === 'crashed') host.closed({ code: 'CRASHED', message: info.message, exitCode: info.exitCode ?? null, signal: info.signal ?? null });
    });
    const connection: Connection = {
      ...(handle.pid === undefined ? {} : { get pid() { return handle.pid; } }),
      send: (method, args, call) => handle.call(method, args, { depth: call.depth - 1, ...(call.timeoutMs === undefined ? {} : { timeoutMs: call.timeoutMs }) }),
      ping: async () => {
        const status = await handle.health();
        if (!status.ok) throw new Error(status.detail);
      },
      close: () => handle.stop(),
    };
    return connection;
  };
}
