/**
 * Puts the probe plugin on a target: as an ES module, else as a plain script,
 * each proven by calling probeIdentify. `in-process` takes no plugin path (its
 * plugin is compiled into the host), so the probe is registered the same way.
 */
import { pathToFileURL } from 'node:url';
import { toPluginError } from '../core/errors.js';
import { packagePath } from '../core/runtime-paths.js';
import type { PluginHandle, StartOptions, Target } from '../core/transport.js';
import { PluginRunner } from '../core/runner.js';

export const PROBE_FORMS = {
  module: packagePath('sample-plugins', 'probe', 'probe-plugin.mjs'),
  script: packagePath('sample-plugins', 'probe', 'probe-script.js'),
} as const;

const START_TIMEOUT_MS = 30_000;

/** A target whose plugin is compiled into the host (it takes no plugin file) links the probe module instead. */
async function linkProbe(target: Target, options: StartOptions): Promise<PluginHandle> {
  const transport = await target.descriptor.load();
  if (!transport.openModule) throw new Error(`${target.name} takes no plugin file and cannot link one`);
  const probe: unknown = await import(pathToFileURL(PROBE_FORMS.module).href);
  return PluginRunner.start(target.name, transport.openModule(probe, 'sample-plugins/probe/probe-plugin.mjs'), options);
}

export type Hosted = { handle: PluginHandle; form: string } | { handle?: undefined; reason: string };

export async function hostProbe(target: Target, options: StartOptions): Promise<Hosted> {
  const starters = target.descriptor.plugin.accepts.length === 0
    ? [['compiled-in', () => linkProbe(target, options)] as const]
    : Object.entries(PROBE_FORMS).map(([form, file]) => [form, () => target.start({ ...options, pluginPath: file, startTimeoutMs: START_TIMEOUT_MS })] as const);
  const reasons: string[] = [];
  for (const [form, start] of starters) {
    let handle: PluginHandle | undefined;
    try {
      handle = await start();
      const identity = await handle.call<{ probe?: boolean }>('probeIdentify', [], { timeoutMs: START_TIMEOUT_MS });
      if (identity?.probe === true) return { handle, form };
      reasons.push(`${form}: probeIdentify answered ${JSON.stringify(identity)}`);
    } catch (error) {
      reasons.push(`${form}: ${toPluginError(error).code} ${toPluginError(error).message}`);
    }
    await handle?.stop().catch(() => {});
  }
  return { reason: `cannot run the JavaScript probe (${reasons.join('; ')})` };
}
