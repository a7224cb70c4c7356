/**
 * Host side of a process target over a Unix socket: each start gets its own
 * private folder (mkdtemp, mode 0700: only this user can reach the socket, which
 * is the access control), named to the plugin in PLUGBENCH_SOCKET_DIR. The folder
 * is removed on every path: a failed start, a stop, a crash (the host removes it
 * once the process is gone) and a host killed outright (the plugin removes it
 * when it exits on its lifeline, listen-address.ts). A plugin killed with its host
 * (the parent-death SIGKILL of a busy one) cannot: the folder carries the host's
 * pid, and the next host to start a Unix-socket plugin removes such leftovers.
 */
import { rm } from 'node:fs/promises';
import type { ClosedInfo, Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { SOCKET_DIR_ENV } from './listen-address.js';
import { makePrivateDir } from './private-dir.js';
import type { RunnerSpec, SpecFor } from './node-runner-spec.js';

/** Socket folders are `plugbench-uds-<host pid>-<random>` in the system's temporary folder. */
export const DIR_PREFIX = 'plugbench-uds-';

/** A transport's open over the runner `spec` (openJsonRpc, openGrpc). */
export type OpenOver = (spec: SpecFor) => OpenConnection;

/** `open` with each plugin serving on a Unix socket in a fresh private folder. */
export function overUnixSocket(open: OpenOver, spec: SpecFor): OpenConnection {
  return async (request) => {
    const dir = await makePrivateDir(DIR_PREFIX);
    const remove = () => rm(dir, { recursive: true, force: true });
    // The crash is reported first: the folder's removal must not delay the recovery.
    const host = { ...request.host, closed: (info: ClosedInfo) => (request.host.closed(info), void remove()) };
    const withDir: SpecFor = async (options) => inSocketDir(await spec(options), dir);
    try {
      const connection = await open(withDir)({ ...request, host } satisfies OpenRequest);
      return removedOnClose(connection, remove);
    } catch (error) {
      await remove();
      throw error;
    }
  };
}

/**
 * The runner spec told where to listen. A sandboxed Node runner may write only
 * there, so it can bind its socket and remove the folder when it exits.
 */
function inSocketDir(spec: RunnerSpec, dir: string): RunnerSpec {
  const args = spec.args ?? [];
  const sandboxed = spec.inheritEnv === false && spec.command === process.execPath && args.length > 0;
  return {
    ...spec,
    args: sandboxed ? [...args.slice(0, -1), `--allow-fs-write=${dir}`, args.at(-1)!] : args,
    env: { ...spec.env, [SOCKET_DIR_ENV]: dir },
  };
}

function removedOnClose(connection: Connection, remove: () => Promise<void>): Connection {
  return {
    ...connection,
    close: async () => {
      try {
        await connection.close();
      } finally {
        await remove();
      }
    },
  };
}
