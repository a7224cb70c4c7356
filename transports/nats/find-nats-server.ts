/** Finds the nats-server binary without starting anything: the descriptor's availability check. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const INSTALL_HINT = 'install it with `apt-get install nats-server` (Debian/Ubuntu), or name a running server with PLUGBENCH_NATS_URL=nats://HOST:PORT';
/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];

export function findNatsServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN_DIRS];
  return dirs.map((dir) => path.join(dir, 'nats-server')).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
