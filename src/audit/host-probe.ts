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
import { openModule } from '../../transports/in-process/index.js';

export const PROBE_FORMS = {
  module: packagePath('sample-plugins', 'probe', 'probe-plugin.mjs'),
  script: packagePath('sample-plugins', 'probe', 'probe-script.js'),
} as const;

const START_TIMEOUT_MS = 30_000;

/** Targets whose plugin is linked into the host: how to link the probe instead. */
const COMPILED_IN: Record<string, (options: StartOptions) => Promise<PluginHandle>> = {
  'in-process': async (options) =>
    PluginRunner.start('in-process', openModule(await import(pathToFileURL(PROBE_FORMS.module).href), 'sample-plugins/probe/probe-plugin.mjs'), options),
};

export type Hosted = { handle: PluginHandle; form: string } | { handle?: undefined; reason: string };

export async function hostProbe(target: Target, options: StartOptions): Promise<Hosted> {
  const starters = COMPILED_IN[target.name]
    ? [['compiled-in', () => COMPILED_IN[target.name]!(options)] as const]
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
