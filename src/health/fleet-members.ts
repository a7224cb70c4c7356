/** Which plugins `plugbench health` surveys: targets by name, every out-of-process target, or endpoints. */
import { createHostFunctions } from '../core/host-api.js';
import { loadAvailableTarget, selectTargets, type TargetSummary } from '../targets/load-target.js';
import type { FleetMemberSpec } from './fleet.js';
import { listTargets } from '../../transports/catalog.js';

export interface FleetSelection {
  /** Target names; default: every available target of the 'process' family (unless endpoints are given). */
  targets?: readonly string[];
  /** Plugins already running elsewhere (tcp://HOST:PORT), reached with the mq target. */
  endpoints?: readonly string[];
}

/** The target that connects to endpoints: the first connectable one (every mq plugin speaks the same frames, whatever its language). */
export function endpointTarget(): string {
  const entry = listTargets().find((candidate) => candidate.descriptor.capabilities.connectable);
  if (!entry) throw new Error('no registered target can connect to an endpoint');
  return entry.name;
}

export async function selectFleet(selection: FleetSelection): Promise<{ specs: FleetMemberSpec[]; skipped: TargetSummary[] }> {
  const endpoints = selection.endpoints ?? [];
  const named = selection.targets && selection.targets.length > 0;
  const specs: FleetMemberSpec[] = [];
  let skipped: TargetSummary[] = [];
  if (named || endpoints.length === 0) {
    const chosen = await selectTargets(selection.targets);
    const onlyProcess = (family: string) => named || family === 'process';
    for (const target of chosen.runnable.filter((t) => onlyProcess(t.family))) {
      specs.push({ name: target.name, target, startOptions: { hostFunctions: createHostFunctions() } });
    }
    skipped = chosen.skipped.filter((row) => onlyProcess(row.family));
  }
  if (endpoints.length > 0) {
    const name = endpointTarget();
    const target = await loadAvailableTarget(name);
    for (const endpoint of endpoints) {
      specs.push({ name: `${name}@${endpoint}`, target, startOptions: { endpoint, hostFunctions: createHostFunctions() } });
    }
  }
  return { specs, skipped };
}
