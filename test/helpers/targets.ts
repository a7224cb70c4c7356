/** Loads the registry for tests: every target, with availability, so suites can skip with a reason. */
import { listTargets } from '../../transports/catalog.js';
import type { TargetDescriptor } from '../../src/core/descriptor.js';
import type { Availability, Target } from '../../src/core/transport.js';

export interface LoadedTarget {
  name: string;
  target: Target;
  availability: Availability;
}

export async function loadAllTargets(): Promise<LoadedTarget[]> {
  return Promise.all(
    listTargets().map(async (entry) => {
      const target = await entry.load();
      const availability = await target.availability();
      return { name: entry.name, target, availability };
    }),
  );
}

/** One registered target by name, as the CLI would load it. */
export async function loadTarget(name: string): Promise<Target> {
  const entry = listTargets().find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no target named ${name}`);
  return entry.load();
}

/** The names of the targets whose descriptor matches, in catalog order: a test picks targets by a fact, never by a list of names. */
export function targetNamesWhere(matches: (descriptor: TargetDescriptor) => boolean): string[] {
  return listTargets().filter((entry) => matches(entry.descriptor)).map((entry) => entry.name);
}

/** The targets whose descriptor matches, loaded. */
export function loadTargetsWhere(matches: (descriptor: TargetDescriptor) => boolean): Promise<Target[]> {
  return Promise.all(targetNamesWhere(matches).map(loadTarget));
}
