/**
 * Where the time goes: a target's latency measured in the same rounds as the raw
 * floor of its channel and the bare mechanism it is built on (its descriptor's
 * `mechanism`), so the three figures share the machine's speed of the moment.
 * Each warms up until steady, then rounds alternate between the three and the
 * order within a round rotates, so drift and order effects fall on all of them alike. A reference that fails to
 * start or answers wrongly becomes a failed row; the target is measured anyway.
 */
import { revertText, SEED_TEXT } from '../core/contract.js';
import type { Mechanism } from '../core/descriptor.js';
import { pluginFile } from '../core/descriptor-target.js';
import type { PluginHandle, Target } from '../core/transport.js';
import { findTarget } from '../../transports/catalog.js';
import { checkAborted, withinMs } from './abort.js';
import { STEADY_WARMUP_MS, type Budget } from './budget.js';
import { floorName } from './floors/index.js';
import { FLOOR_KINDS } from './floors/peers.js';
import { bareName, MECHANISMS, startBarePeer } from './mechanisms/index.js';
import { PEER_START_TIMEOUT_MS } from './peer-process.js';
import type { ResultRow, RowRole } from '../results/types.js';
import { measuredRow, statusRow, type RowIdentity } from './rows.js';
import { warmUntilSteady, type WarmupReport } from './steady-warmup.js';
import type { StopList } from './stop-list.js';

/** Rounds per subject; each round measures latencySamples / ROUNDS calls of each subject in turn. */
export const DECOMPOSITION_ROUNDS = 10;

interface Reference {
  identity: RowIdentity;
  role: Exclude<RowRole, 'target'>;
  /** What the reference is (the floor's peer, the bare library), for the row's note. */
  what: string;
  call?: (text: string) => Promise<string>;
  error?: Error;
  samples: number[];
  warmup?: WarmupReport;
}

export interface Decomposition {
  /** The target's samples through plugbench, from the same rounds as the references. */
  samples: number[];
  /** How the target's warm-up went. */
  warmup?: WarmupReport;
  floor: Reference;
  bare?: Reference;
}

/** The bare mechanism a target is built on, from its descriptor; none for targets without one. */
export function mechanismOf(target: Target): Mechanism | undefined {
  return findTarget(target.name)?.descriptor.mechanism;
}

/**
 * Starts the target's floor and bare peers (on `stopList`) while the target's own
 * plugin starts (`handle`): three starts at once, none of them measured; then, after
 * `onStarted`, measures all three in alternating rounds, one call at a time.
 */
export async function decompose(target: Target, handle: Promise<PluginHandle>, budget: Budget, signal: AbortSignal, stopList: StopList, onStarted: () => void): Promise<Decomposition> {
  const beside = { beside: target.name };
  const kind = FLOOR_KINDS[target.channel];
  const mechanism = mechanismOf(target);
  // The target's failure waits for the peers' starts (which never throw): each started
  // peer is then on the stop list before the suite's scope stops it, and none is left running.
  const [started, floor, bare] = await Promise.all([
    handle.then(
      (plugin) => ({ plugin }),
      (error: unknown) => ({ error }),
    ),
    startReference({ identity: referenceIdentity(floorName(target.channel), beside), role: 'floor', what: kind.peer, samples: [] }, async () => stopList.add(await kind.start()).roundTrip),
    mechanism
      ? startReference({ identity: referenceIdentity(bareName(mechanism), beside), role: 'bare', what: MECHANISMS[mechanism].library, samples: [] }, async () => {
          const peer = stopList.add(await startBarePeer(mechanism, { pluginFile: pluginFile(findTarget(target.name)!.descriptor) }));
          return (text) => peer.call(text);
        })
      : undefined,
  ]);
  if ('error' in started) throw started.error;
  const { plugin } = started;
  onStarted();
  const own: Subject = { call: (text) => plugin.call('revert', [text]), samples: [] };
  await alternate(own, [floor, ...(bare ? [bare] : [])], budget, signal);
  return { samples: own.samples, ...(own.warmup ? { warmup: own.warmup } : {}), floor, ...(bare ? { bare } : {}) };
}

function referenceIdentity(name: string, params: RowIdentity['params']): RowIdentity {
  return { target: name, suite: 'latency', metric: 'round-trip', unit: 'ms', better: 'lower', ...(params ? { params } : {}) };
}

/** Starts a reference and checks its first answer; a failure is kept on the reference, not thrown. */
async function startReference(reference: Reference, start: () => Promise<(text: string) => Promise<string>>): Promise<Reference> {
  try {
    const call = await start();
    const answer = await withinMs(call(SEED_TEXT), PEER_START_TIMEOUT_MS);
    if (answer !== revertText(SEED_TEXT)) throw new Error(`answered ${JSON.stringify(answer)} instead of the reversed seed`);
    reference.call = call;
  } catch (error) {
    reference.error = error instanceof Error ? error : new Error(String(error));
  }
  return reference;
}

interface Subject {
  call: (text: string) => Promise<unknown>;
  samples: number[];
  reference?: Reference;
  warmup?: WarmupReport;
}

/**
 * Each subject warms up until steady (steady-warmup.ts), then DECOMPOSITION_ROUNDS
 * rounds: in each, a chunk of calls of every subject, the order rotated by one per
 * round, each call timed around itself as measureLatency times it.
 */
async function alternate(target: Subject, references: Reference[], budget: Budget, signal: AbortSignal): Promise<void> {
  const subjects: Subject[] = [target, ...references.map((reference) => ({ call: reference.call!, samples: reference.samples, reference }))];
  const chunk = Math.max(1, Math.ceil(budget.latencySamples / DECOMPOSITION_ROUNDS));
  const warmupPlan = { minMs: STEADY_WARMUP_MS.min, maxMs: STEADY_WARMUP_MS.max, minCalls: budget.latencyWarmup };
  // A reference that fails drops out of the rounds with its error; the target's failure ends the suite.
  const guarded = async (subject: Subject, work: () => Promise<void>) => {
    if (subject.reference && !subject.reference.call) return;
    try {
      await work();
    } catch (error) {
      if (!subject.reference || signal.aborted) throw error;
      subject.reference.error = error instanceof Error ? error : new Error(String(error));
      delete subject.reference.call;
    }
  };
  for (const subject of subjects) {
    await guarded(subject, async () => void (subject.warmup = await warmUntilSteady(() => subject.call(SEED_TEXT), warmupPlan, signal)));
  }
  for (let round = 0; round < DECOMPOSITION_ROUNDS; round++) {
    const count = Math.min(chunk, budget.latencySamples - round * chunk);
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length]!;
      await guarded(subject, () => timeCalls(subject, count, signal));
    }
  }
  for (const subject of subjects) if (subject.reference && subject.warmup) subject.reference.warmup = subject.warmup;
}

/** `count` calls of the seed, each timed around the call itself. */
async function timeCalls(subject: Subject, count: number, signal: AbortSignal): Promise<void> {
  for (let i = 0; i < count; i++) {
    checkAborted(signal);
    const began = performance.now();
    await subject.call(SEED_TEXT);
    subject.samples.push(performance.now() - began);
  }
}

/** The row of a floor or bare reference: measured, or failed with why. */
export function referenceRow(reference: Reference): ResultRow {
  const extra = { role: reference.role, note: reference.what, ...(reference.warmup ? { warmup: reference.warmup } : {}) };
  if (reference.error) return { ...statusRow(reference.identity, 'failed', `${reference.what}: ${reference.error.message}`), role: reference.role };
  return measuredRow(reference.identity, reference.samples, extra);
}
