/**
 * Turns a descriptor into the Target the rest of plugbench uses: its facts as
 * they are, `start` through the guard (signature, sandbox) and the core runner
 * over the transport's connection. The transport's code is imported on the
 * first start, never by listing or describing a target.
 */
import path from 'node:path';
import type { TargetDescriptor, TransportModule } from './descriptor.js';
import { checkStartOptions } from './plugin-kinds.js';
import { PluginRunner } from './runner.js';
import { packageRoot } from './runtime-paths.js';
import { guardTarget } from './start-guard.js';
import type { StartOptions, Target } from './transport.js';

/** The plugin file a target runs with `options`: the user's `pluginPath`, else its sample; absolute. */
export function pluginFile(descriptor: TargetDescriptor, options: { pluginPath?: string } = {}): string {
  return path.resolve(options.pluginPath ?? path.join(packageRoot(), descriptor.plugin.sampleFile));
}

export function targetFromDescriptor(descriptor: TargetDescriptor): Target {
  let loading: Promise<TransportModule> | undefined;
  const load = () => (loading ??= descriptor.load());
  const target: Target = {
    descriptor,
    name: descriptor.name,
    family: descriptor.family,
    channel: descriptor.channel,
    description: descriptor.description,
    capabilities: descriptor.capabilities,
    availability: () => descriptor.availability?.() ?? Promise.resolve({ available: true }),
    // A target whose plugin is compiled in runs its sample whatever the options say.
    pluginDir: (options?: StartOptions) => path.dirname(pluginFile(descriptor, descriptor.plugin.accepts.length > 0 ? options : {})),
    start: async (options: StartOptions = {}) => {
      checkStartOptions(descriptor, options);
      return PluginRunner.start(descriptor.name, (await load()).open, options);
    },
  };
  return guardTarget(target);
}
