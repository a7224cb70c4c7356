/** Loads the registry for tests: every target, with availability, so suites can skip with a reason. */
import { listTargets } from '../../transports/catalog.js';
import type { Connection } from '../../src/core/connection.js';
import { PluginRunner } from '../../src/core/runner.js';
import type { Availability, PluginHandle, StartOptions, Target } from '../../src/core/transport.js';

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

/**
 * Starts a target through the core runner, as `start()` would, and also hands
 * back the connection its transport opened, for what only the connection tells
 * (wasm's copy cost). The caller stops `plugin`.
 */
export async function startWithConnection<C extends Connection>(name: string, options: StartOptions = {}): Promise<{ plugin: PluginHandle; connection: C }> {
  const entry = listTargets().find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no target named ${name}`);
  const { open } = await entry.descriptor.load();
  let connection: C | undefined;
  const plugin = await PluginRunner.start(name, async (request) => (connection = (await open(request)) as C), options);
  return { plugin, connection: connection! };
}
