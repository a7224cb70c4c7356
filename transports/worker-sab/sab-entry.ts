/**
 * Runs inside a worker-sab Worker: the worker target's plugin serving
 * (serve-plugin.ts), fed from shared memory. Between calls the thread blocks in
 * Atomics.wait on the doorbell (the cheapest wake-up there is), but only when its
 * event loop has nothing else to do: while a call is still running (a host
 * callback, a timer) or the plugin left a timer or I/O pending, it waits with
 * Atomics.waitAsync instead, so the event loop runs and nothing starves. Blocked,
 * it still gives the loop a turn every IDLE_TURN_MS.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';
import { servePlugin } from '../worker/serve-plugin.js';
import { drain, encode, RING_NUDGE } from './codec.js';
import { Ring, TO_HOST, TO_WORKER } from './ring.js';
import { Spinner } from './spin.js';

export interface SabStartData {
  shared: SharedArrayBuffer;
  /** How long to poll the doorbell before blocking (0: never). */
  spinMs: number;
}

/** Long: a short timeout makes every wake-up from Atomics.wait slower (`node scripts/measure-worker-sab.mjs`). */
const IDLE_TURN_MS = 50;

const { shared, spinMs } = workerData as SabStartData;
const spinner = new Spinner(spinMs);
const inbox = new Ring(shared, TO_WORKER);
const outbox = new Ring(shared, TO_HOST);
/** Calls received whose result is not posted yet. */
let inFlight = 0;
let exiting = false;
let spillsSeen = 0;

function post(message: PluginMessage): void {
  if (message.type === 'result') inFlight--;
  if (!encode(outbox, message)) return port.postMessage(message);
  outbox.ring();
  // The host expects no answer now (a host call from a timer): tell it on the port, where it always listens.
  if (!outbox.listening()) port.postMessage(RING_NUDGE);
}

const { port, runner, started } = servePlugin(post, () => (exiting = true));

function receive(message: unknown): void {
  if ((message as HostMessage | undefined)?.type === 'call') inFlight++;
  runner.receive(message);
}

/** Messages the host posted because the ring could not take them; also delivered as events while the loop waits without blocking. */
function takeSpills(): void {
  const spills = inbox.spills();
  if (spills === spillsSeen) return;
  spillsSeen = spills;
  for (let spilled = receiveMessageOnPort(port); spilled; spilled = receiveMessageOnPort(port)) receive(spilled.message);
}

/** True when the event loop has work of its own (the plugin's timers, I/O): then the worker must not block. */
function loopBusy(): boolean {
  for (const resource of process.getActiveResourcesInfo()) if (resource !== 'MessagePort') return true;
  return false;
}

async function serve(): Promise<void> {
  while (!exiting) {
    const seen = inbox.bell();
    drain(inbox, receive);
    takeSpills();
    // A synchronous method's answer went out in drain; one that resolves in a microtask goes out here.
    if (inFlight > 0) await null;
    if (exiting) return;
    if (inFlight > 0 || loopBusy()) await inbox.waitAsync(seen);
    else if (spinner.spin(() => inbox.bell() !== seen)) continue;
    else if (inbox.waitSync(seen, IDLE_TURN_MS) === 'timed-out') await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

port.on('message', receive);
if (await started) void serve();
