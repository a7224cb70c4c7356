/** Looks targets up in the registry and loads them, with errors that say what to do. */
import { didYouMean } from '../core/closest-name.js';
import { PluginError, toPluginError } from '../core/errors.js';
import type { Availability, Capabilities, Family, Target } from '../core/transport.js';
import { findTarget, listTargets, targetNames } from '../../transports/catalog.js';

/** Loads one target by name; an unknown name fails with the closest name and the list of valid ones. */
export async function loadTarget(name: string): Promise<Target> {
  const entry = findTarget(name);
  if (!entry) {
    const valid = targetNames();
    throw new PluginError('INVALID_INPUT', `unknown target "${name}"${didYouMean(name, valid)}; valid targets: ${valid.join(', ')}`, {
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
export async function describeTargets(names?: readonly string[]): Promise<TargetSummary[]> {
  const chosen = names ? names.map((name) => findTarget(name)!) : listTargets();
  return Promise.all(chosen.map((entry) => describeTarget(entry.name)));
}

async function describeTarget(name: string): Promise<TargetSummary> {
  const entry = findTarget(name)!;
  const { descriptor } = entry;
  // The loaded target's capabilities: the descriptor's, plus what every start adds (signature-check).
  const { capabilities } = await entry.load();
  const availability: Availability = await (descriptor.availability?.() ?? Promise.resolve({ available: true as const })).catch((error: unknown) => ({
    available: false as const,
    reason: toPluginError(error).message,
  }));
  return {
    name,
    family: descriptor.family,
    description: descriptor.description,
    available: availability.available,
    reason: availability.available ? null : availability.reason,
    capabilities,
  };
}

/**
 * The targets that can run here, or the subset `requested` (unknown names fail).
 * Only the requested targets are looked at: selecting one target loads one target.
 */
export async function selectTargets(requested?: readonly string[]): Promise<{ runnable: Target[]; skipped: TargetSummary[] }> {
  const names = requested && requested.length > 0 ? [...requested] : targetNames();
  for (const name of names) if (!findTarget(name)) await loadTarget(name); // throws INVALID_INPUT with the valid names
  const rows = await describeTargets(names);
  const runnable: Target[] = [];
  const skipped: TargetSummary[] = [];
  for (const row of rows) {
    if (row.available) runnable.push(await loadTarget(row.name));
    else skipped.push(row);
  }
  return { runnable, skipped };
}
