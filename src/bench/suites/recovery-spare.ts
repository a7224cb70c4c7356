/**
 * The recovery suite's second supervisor: the same target under a Supervisor that
 * keeps a warm spare (`spare: true`), the bench's restart policy otherwise. It
 * watches the spare's events, so each trial begins with a spare ready (else it
 * would measure a cold restart), and measures the memory the idle spare costs.
 */
import { Supervisor, type SupervisorEvent, type SupervisorOptions } from '../../core/supervisor.js';
import type { PluginHandle, StartOptions, Target } from '../../core/transport.js';
import { untilAborted, withinMs } from '../abort.js';
import { processRss, settledHostRss } from '../memory.js';
import { HUNG_AFTER_MS, type SuiteContext } from '../suite.js';

/** How long a fresh spare gets to start before a trial fails. */
const SPARE_READY_MS = 10_000;

export interface SpareSupervisor {
  readonly supervisor: Supervisor;
  /** Host RSS growth plus the spare process's RSS, when the first spare became ready. */
  readonly spareBytes: number;
  /** Resolves once a spare is started and idle; false if none was within SPARE_READY_MS. */
  spareReady(): Promise<boolean>;
  /** Listens to this supervisor's events until the returned function is called. */
  onEvent(listener: (event: SupervisorEvent) => void): () => void;
}

/** Starts the target supervised with a warm spare and waits for the spare; the supervisor is on the stop list. */
export async function startWithSpare(context: SuiteContext): Promise<SpareSupervisor> {
  const listeners = new Set<(event: SupervisorEvent) => void>();
  const watch = spareWatch();
  const options: SupervisorOptions = {
    spare: true,
    restart: { initialDelayMs: 0, maxCrashes: Number.MAX_SAFE_INTEGER },
    // The hung plugin is judged and stopped in the background; the spare serves meanwhile.
    hangCheckMs: context.budget.hangCheckMs,
    drainTimeoutMs: HUNG_AFTER_MS,
    onEvent: (event) => {
      watch.see(event);
      listeners.forEach((listener) => listener(event));
    },
  };
  const supervisor = context.stopList.add(await Supervisor.start(startingThrough(context), { faultInjection: true }, options));
  // The spare starts on a timer after start() returns: this reading has the serving plugin only.
  const before = settledHostRss();
  if (!(await untilAborted(watch.ready(), context.signal))) throw new Error(`no spare was ready within ${SPARE_READY_MS} ms of the start`);
  const sparePid = watch.sparePid();
  // Host RSS can fall between two readings when a full GC returns pages: a fall says nothing about the spare, so it counts as 0.
  const spareBytes = Math.max(0, settledHostRss() - before) + (sparePid === undefined ? 0 : ((await processRss(sparePid)) ?? 0));
  return {
    supervisor,
    spareBytes,
    spareReady: () => untilAborted(watch.ready(), context.signal),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The target, each start made the bench's way (its host functions, deadlines, the user's start options). */
function startingThrough(context: SuiteContext): Target {
  return { ...context.target, start: (options?: StartOptions): Promise<PluginHandle> => context.start(options) };
}

/** Whether a spare is idle now, and the pid it runs as, from the supervisor's events. */
function spareWatch() {
  const pids = new Map<number, number>();
  let spare: number | undefined;
  let waiting: Array<() => void> = [];
  return {
    see(event: SupervisorEvent) {
      if (event.type === 'started' && event.pid !== undefined) pids.set(event.generation, event.pid);
      if (event.type === 'spare-ready') {
        spare = event.generation;
        waiting.forEach((wake) => wake());
        waiting = [];
      }
      if (event.type === 'spare-used') spare = undefined;
    },
    sparePid: () => (spare === undefined ? undefined : pids.get(spare)),
    async ready(): Promise<boolean> {
      if (spare !== undefined) return true;
      const woken = new Promise<true>((resolve) => waiting.push(() => resolve(true)));
      return (await withinMs(woken, SPARE_READY_MS)) ?? false;
    },
  };
}
