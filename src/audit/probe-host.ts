/**
 * A throwaway host process for one target: hosts the probe, runs the probes it
 * is given and prints the evidence. If a probe takes this host down (a plugin on
 * the host's thread that loops or allocates forever), the audit sees it die or
 * go silent and records exactly that.
 */
import { toPluginError } from '../core/errors.js';
import type { Target } from '../core/transport.js';
import { loadTarget } from '../targets/load-target.js';
import { REPORT_PREFIX, type ChildJob, type ChildReport } from './child-protocol.js';
import { hostProbe } from './host-probe.js';
import { findProbe, type CallOutcome } from './probes.js';
import { exitWhenStdinCloses } from '../../transports/process/node-runner.js';

// Leave when the audit does, even if it was SIGKILLed (a busy loop is ended by the parent-death signal instead).
exitWhenStdinCloses();

const report = (message: ChildReport) => process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(message)}\n`);

async function main(job: ChildJob): Promise<void> {
  const target = await loadTarget(job.target);
  if (job.probes.length === 1 && findProbe(job.probes[0]!)?.stranger) return strangerJob(target, job.probes[0]!, job.sandbox);
  const hosted = await hostProbe(target, job.sandbox ? { sandbox: true } : {});
  if (!hosted.handle) {
    report({ type: 'cannot-host', reason: hosted.reason });
    return;
  }
  report({ type: 'hosted', form: hosted.form });
  try {
    for (const id of job.probes) {
      const probe = findProbe(id);
      if (!probe) throw new Error(`unknown probe ${id}`);
      report({ type: 'begin', probe: id });
      let call: CallOutcome;
      try {
        call = { ok: true, value: await hosted.handle.call(probe.method, probe.args(job.setup), { timeoutMs: probe.timeoutMs(job.setup) }) };
      } catch (error) {
        const typed = toPluginError(error);
        call = { ok: false, code: typed.code, message: typed.message };
      }
      report({ type: 'evidence', probe: id, call, hostGlobalsChanged: hostGlobalsCarry(job.setup.token) });
    }
  } finally {
    await hosted.handle.stop();
  }
}

/** The stranger probe runs the target's own sample plugin, not the probe plugin. */
async function strangerJob(target: Target, id: string, sandbox: boolean): Promise<void> {
  const { strangerProbe } = await import('./stranger-probe.js');
  report({ type: 'begin', probe: id });
  const outcome = await strangerProbe(target, sandbox);
  if ('cannotHost' in outcome) {
    report({ type: 'cannot-host', reason: outcome.cannotHost });
    return;
  }
  report({ type: 'hosted', form: 'sample' });
  report({ type: 'evidence', probe: id, call: outcome.call, hostGlobalsChanged: false });
}

function hostGlobalsCarry(token: string): boolean {
  return (globalThis as { __plugbenchProbe?: unknown }).__plugbenchProbe === token || ([] as unknown as { __plugbenchProbe?: unknown }).__plugbenchProbe === token;
}

try {
  await main(JSON.parse(process.argv[2] ?? '{}') as ChildJob);
} catch (error) {
  report({ type: 'error', message: toPluginError(error).message });
  process.exitCode = 3;
}
// Reports went out synchronously (stdout is a pipe); leave even if a plugin left a handle open.
process.exit();
