/** Finds the nats-server binary without starting anything: the descriptor's availability check. */
import path from 'node:path';
import type { Availability } from '../../src/core/transport.js';
import { isExecutable } from '../process/executable.js';

/** The same name as broker-config's NATS_URL_ENV, without importing the client's config code. */
const URL_ENV = 'PLUGBENCH_NATS_URL';

export const INSTALL_HINT = 'install it with `apt-get install nats-server` (Debian/Ubuntu), or name a running server with PLUGBENCH_NATS_URL=nats://HOST:PORT';
/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];

export function findNatsServer(dirs: readonly string[] = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN_DIRS]): string | undefined {
  return dirs.map((dir) => path.join(dir, 'nats-server')).find(isExecutable);
}

/** Available with a server to start, or one named in the environment; otherwise the command that fixes it. */
export function natsAvailability(env: NodeJS.ProcessEnv = process.env, binary: string | null = findNatsServer() ?? null): Availability {
  if (env[URL_ENV] || binary) return { available: true };
  return { available: false, reason: `nats-server is not installed; ${INSTALL_HINT}` };
}
