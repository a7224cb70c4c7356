/**
 * The "a stranger is refused" probe, run by a child host: start the target with
 * its own sample plugin (any language), find the port in the handshake, let a
 * separate process without the secret (stranger-main.ts, with none of the
 * host's environment but PATH) try `revert` and `exit` there, then check that
 * the plugin still serves its host. A target whose channel is not a network
 * port cannot host this probe.
 */
import { execa } from 'execa';
import { builtPath } from '../core/runtime-paths.js';
import type { Target } from '../core/transport.js';
import type { CallOutcome } from './probes.js';
import { STRANGER_WAIT_MS, STRANGERS, type StrangerResult } from './stranger-clients.js';

export interface StrangerEvidence extends StrangerResult {
  /** After the stranger, the plugin still answered its host's `revert`. */
  pluginServes: boolean;
}

/** The address and protocol a started plugin announced, when they are a network port a stranger could dial. */
function networkAddress(handshakeLine: string | undefined): { address: string; protocol: string } | undefined {
  const [, , network, address, protocol] = (handshakeLine ?? '').split('|');
  return network === 'tcp' && address && protocol && protocol in STRANGERS ? { address, protocol } : undefined;
}

/** Runs the probe on `target`; `cannotHost` when its plugin has no network port. */
export async function strangerProbe(target: Target, sandbox: boolean): Promise<{ cannotHost: string } | { call: CallOutcome }> {
  const handle = await target.start({ startTimeoutMs: 30_000, ...(sandbox ? { sandbox } : {}) });
  try {
    const where = networkAddress(handle.startupSteps.find((step) => step.name === 'handshake')?.detail);
    if (!where) return { cannotHost: `${target.name} has no TCP port of its own for a stranger to dial (its channel: ${target.channel})` };
    const run = await execa(process.execPath, [builtPath('src', 'audit', 'stranger-main.js'), where.protocol, where.address], {
      env: { PATH: process.env.PATH ?? '' },
      extendEnv: false,
      reject: false,
      timeout: STRANGER_WAIT_MS * 4,
      stdin: 'ignore',
    });
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) || '{"answered":false,"detail":"the stranger printed nothing"}') as StrangerResult;
    const pluginServes = await handle.call('revert', ['ab'], { timeoutMs: 10_000 }).then((value) => value === 'ba', () => false);
    const evidence: StrangerEvidence = { ...result, pluginServes };
    return { call: { ok: true, value: evidence } };
  } finally {
    await handle.stop();
  }
}
