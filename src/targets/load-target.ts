/** Looks targets up in the registry and loads them, with errors that say what to do. */
import { PluginError, toPluginError } from '../core/errors.js';
import type { Availability, Capabilities, Family, Target } from '../core/transport.js';
import { findTarget, listTargets, targetNames } from '../../transports/catalog.js';

/** Loads one target by name; an unknown name fails with the list of valid names. */
export async function loadTarget(name: string): Promise<Target> {
  const entry = findTarget(name);
  if (!entry) {
    throw new PluginError('INVALID_INPUT', `unknown target "${name}"; valid targets: ${targetNames().join(', ')}`, {
      data: { name, valid: targetNames() },
    });
  }
  try {
    return await entry.load();
  } catch (error) {
    throw new PluginError('UNAVAILABLE', `target "${name}" could not be loaded: ${toPluginError(error).message}`, { cause: error });
  }
}

/** Loads a target and fails with UNAVAILABLE (and the reason) when it cannot run here. */
export async function loadAvailableTarget(name: string): Promise<Target> {
  const target = await loadTarget(name);
  const availability = await target.availability();
  if (!availability.available) {
    throw new PluginError('UNAVAILABLE', `target "${name}" is unavailable: ${availability.reason}`);
  }
  return target;
}

export interface TargetSummary {
  name: string;
  family: Family;
  description: string;
  available: boolean;
  reason: string | null;
  capabilities: Capabilities | null;
}

/** One row per registered target, for `list`; a target that fails to load is unavailable, not fatal. */
export async function describeTargets(): Promise<TargetSummary[]> {
  return Promise.all(
    listTargets().map(async (entry): Promise<TargetSummary> => {
      let target: Target;
      try {
        target = await entry.load();
      } catch (error) {
        const reason = `cannot load: ${toPluginError(error).message}`;
        return { name: entry.name, family: entry.family, description: '', available: false, reason, capabilities: null };
      }
      const availability: Availability = await target.availability().catch((error: unknown) => ({
        available: false as const,
        reason: toPluginError(error).message,
      }));
      return {
        name: target.name,
        family: target.family,
        description: target.description,
        available: availability.available,
        reason: availability.available ? null : availability.reason,
        capabilities: target.capabilities,
      };
    }),
  );
}

/** Names of the targets that can run here, or the subset `requested` (unknown names fail). */
export async function selectTargets(requested?: readonly string[]): Promise<{ runnable: Target[]; skipped: TargetSummary[] }> {
  const all = await describeTargets();
  const names = requested && requested.length > 0 ? requested : all.map((row) => row.name);
  const runnable: Target[] = [];
  const skipped: TargetSummary[] = [];
  for (const name of names) {
    const row = all.find((candidate) => candidate.name === name);
    if (!row) await loadTarget(name); // throws INVALID_INPUT with the valid names
    if (row && row.available) runnable.push(await loadTarget(name));
    else if (row) skipped.push(row);
  }
  return { runnable, skipped };
}
