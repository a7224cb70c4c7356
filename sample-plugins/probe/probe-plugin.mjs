// The isolation probe, as an ES module (in-process, dynamic-import, worker and
// Node process targets). Each probe* method really tries one harmful thing and
// returns what it got; a sandbox that stops it makes the method throw. The host
// (`plugbench audit`) judges the outcome; nothing here decides "blocked".
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';

export const name = 'probe';
export const version = '1.0.0';

export function revert(text) {
  return Array.from(text).reverse().join('');
}

export function exit() {}

/** Proves this is the probe, and in which form it was loaded. */
export function probeIdentify() {
  return { probe: true, form: 'module' };
}

/** Reads a file outside the plugin's folder. */
export function probeReadFile(file) {
  return readFile(file, 'utf8');
}

/** Reads one of the host's environment variables. */
export function probeReadEnv(variable) {
  return process.env[variable] ?? null;
}

/** Starts a process (node itself, so the probe needs nothing installed). */
export function probeSpawn() {
  return execFileSync(process.execPath, ['-e', 'process.stdout.write("spawned")'], { encoding: 'utf8', timeout: 10_000 });
}

/** Connects to a listener and sends it `token`: the listener, not the probe, says whether it arrived. */
export function probeConnect(host, port, token) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.end(token, () => resolve('connected')));
    socket.setTimeout(10_000, () => socket.destroy(new Error('connect timed out')));
    socket.on('error', reject);
  });
}

/** Marks the global object and a built-in prototype; the host looks for the marks in its own realm. */
export function probeGlobals(token) {
  globalThis.__plugbenchProbe = token;
  Object.defineProperty(Array.prototype, '__plugbenchProbe', { value: token, configurable: true, writable: true });
  return 'marked';
}

/** Allocates 1 MiB JavaScript arrays and keeps them, up to `capMiB` (so a machine without limits is not taken down). */
export function probeAllocate(capMiB) {
  const hoard = [];
  while (hoard.length < capMiB) hoard.push(new Array(131_072).fill(hoard.length));
  return hoard.length;
}

/** A synchronous endless loop. */
export function probeLoop() {
  for (;;) {
    // spin
  }
}
