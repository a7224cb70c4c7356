/**
 * The isolation audit (`plugbench audit`, suite "isolation" of bench): every
 * probe on every target that can host it, plain and (where the target offers
 * one) sandboxed, each measured in throwaway child hosts. One results row per
 * target, variant and probe, in the shape of src/results/types.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResultRow, SkippedTarget } from '../results/types.js';
import { didYouMean } from '../core/closest-name.js';
import { PluginError } from '../core/errors.js';
import { SANDBOX_PROTECTION } from '../core/start-guard.js';
import type { Target } from '../core/transport.js';
import { selectTargets } from '../targets/load-target.js';
import { declaredHangNote } from './declared-hang.js';
import { findProbe, LOOP_PROBE, PROBES, type IsolationOutcome, type ProbeSetup, type ProbeSpec, type Verdict } from './probes.js';
import { runChildHost, type ProbeRun } from './run-child-host.js';
import { startTokenListener, type TokenListener } from './token-listener.js';

export const ISOLATION_SUITE = 'isolation';
export const SECRET_ENV = 'PLUGBENCH_AUDIT_SECRET';

export interface IsolationAuditOptions {
  /** Target names (default: every available target). */
  targets?: readonly string[];
  /** Probe ids (default: all, see PROBES). */
  probes?: readonly string[];
  /** Run each target plain, sandboxed (where offered), or both (default). */
  variants?: 'both' | 'plain' | 'sandboxed';
  /** The memory bomb stops here, so a machine without limits is not taken down. Default 1024 MiB. */
  capMiB?: number;
  /** Deadline of the endless-loop call. Default 3000 ms. */
  loopTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface IsolationAudit {
  results: ResultRow[];
  skipped: SkippedTarget[];
}

interface Variant {
  target: Target;
  sandbox: boolean;
}

export async function runIsolationAudit(options: IsolationAuditOptions = {}): Promise<IsolationAudit> {
  const probes = (options.probes ?? PROBES.map((probe) => probe.id)).map((id) => {
    const probe = findProbe(id);
    if (!probe) {
      const valid = PROBES.map((p) => p.id);
      throw new PluginError('INVALID_INPUT', `unknown probe "${id}"${didYouMean(id, valid)}; valid probes: ${valid.join(', ')}`, { data: { id, valid } });
    }
    return probe;
  });
  const { runnable, skipped } = await selectTargets(options.targets);
  const variants = runnable.flatMap((target) => variantsOf(target, options.variants ?? 'both'));
  const secret = randomBytes(16).toString('hex');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plugbench-audit-'));
  try {
    const secretFile = path.join(dir, 'secret.txt');
    await writeFile(secretFile, secret, { mode: 0o600 });
    await using listener = await startTokenListener();
    const base = { secretFile, secretEnv: SECRET_ENV, listener: { host: listener.host, port: listener.port }, capMiB: options.capMiB ?? 1024, loopTimeoutMs: options.loopTimeoutMs ?? 3_000 };
    const results: ResultRow[] = [];
    for (const variant of variants) {
      results.push(...(await auditVariant(variant, probes, { base, secret, listener, say: options.onProgress ?? (() => {}) })));
    }
    return { results, skipped: skipped.map((row) => ({ target: row.name, reason: row.reason ?? 'unavailable' })) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function variantsOf(target: Target, which: 'both' | 'plain' | 'sandboxed'): Variant[] {
  const sandboxed = target.capabilities.protections.includes(SANDBOX_PROTECTION);
  return [
    ...(which !== 'sandboxed' ? [{ target, sandbox: false }] : []),
    ...(which !== 'plain' && sandboxed ? [{ target, sandbox: true }] : []),
  ];
}

interface AuditContext {
  base: Omit<ProbeSetup, 'token'>;
  secret: string;
  listener: TokenListener;
  say(line: string): void;
}

/**
 * The safe probes share one child host; each destructive probe gets its own, and
 * so does the stranger probe, which runs whether or not the target can host the
 * JavaScript probe plugin (it uses the target's own sample).
 */
async function auditVariant({ target, sandbox }: Variant, probes: ProbeSpec[], context: AuditContext): Promise<ResultRow[]> {
  const plugin = probes.filter((probe) => !probe.stranger);
  const safe = plugin.filter((probe) => !probe.destructive);
  const groups = [...(safe.length > 0 ? [safe] : []), ...plugin.filter((probe) => probe.destructive).map((probe) => [probe])];
  const rows: ResultRow[] = [];
  let cannotHost: string | undefined;
  for (const group of groups) {
    if (cannotHost) {
      rows.push(...group.map((probe) => unsupportedRow(target.name, probe, sandbox, cannotHost!)));
      continue;
    }
    const audited = await auditGroup({ target, sandbox }, group, context);
    cannotHost = audited.cannotHost;
    rows.push(...audited.rows);
  }
  for (const probe of probes.filter((candidate) => candidate.stranger)) rows.push(...(await auditGroup({ target, sandbox }, [probe], context)).rows);
  return rows;
}

/** One child host for `group`; `cannotHost` when the target cannot run what the group needs. */
async function auditGroup({ target, sandbox }: Variant, group: ProbeSpec[], context: AuditContext): Promise<{ rows: ResultRow[]; cannotHost?: string }> {
  const label = `${target.name}${sandbox ? ' (sandbox)' : ''}`;
  const setup: ProbeSetup = { ...context.base, token: randomBytes(8).toString('hex') };
  const result = await runChildHost({
    job: { target: target.name, sandbox, probes: group.map((probe) => probe.id), setup },
    env: { [SECRET_ENV]: context.secret },
    heapLimited: target.family !== 'thread',
  });
  if ('cannotHost' in result) {
    context.say(`${label}: not supported: ${result.cannotHost}`);
    return { rows: group.map((probe) => unsupportedRow(target.name, probe, sandbox, result.cannotHost)), cannotHost: result.cannotHost };
  }
  return {
    rows: group.map((probe) => {
      const row = resultRow(target.name, probe, sandbox, result.form, withDeclaredHang(target, probe, judge(probe, result.runs.get(probe.id)!, setup, context)));
      context.say(`${label.padEnd(24)} ${probe.id.padEnd(20)} ${row.note ?? ''}`);
      return row;
    }),
  };
}

type Judged = { outcome: IsolationOutcome; detail: string } | { outcome: 'failed'; detail: string };

function judge(probe: ProbeSpec, run: ProbeRun, setup: ProbeSetup, context: AuditContext): Judged {
  if (run.kind !== 'evidence') return { outcome: run.kind, detail: run.detail };
  const verdict: Verdict = probe.judge(
    { call: run.call, hostGlobalsChanged: run.hostGlobalsChanged, listenerReceived: context.listener.received(setup.token) },
    { ...setup, secret: context.secret },
  );
  return verdict;
}

/** The loop probe's note says whether the target's declared hang behaviour held. */
function withDeclaredHang(target: Target, probe: ProbeSpec, judged: Judged): Judged {
  if (probe.id !== LOOP_PROBE || judged.outcome === 'failed') return judged;
  return { ...judged, detail: `${judged.detail}; ${declaredHangNote(target.capabilities, judged.outcome)}` };
}

function metricOf(probe: ProbeSpec, sandbox: boolean): string {
  return sandbox ? `${probe.id}+sandbox` : probe.id;
}

function resultRow(target: string, probe: ProbeSpec, sandbox: boolean, form: string, judged: Judged): ResultRow {
  if (judged.outcome === 'failed') {
    return { ...rowBase(target, probe, sandbox), status: 'failed', median: null, samples: [], note: judged.detail };
  }
  // 1 = the host stayed safe (blocked), 0 = the plugin got through or took the host down.
  const contained = judged.outcome === 'blocked' ? 1 : 0;
  return {
    ...rowBase(target, probe, sandbox),
    status: 'ok',
    median: contained,
    samples: [contained],
    params: { probe: probe.id, sandbox, outcome: judged.outcome, form },
    note: `${judged.outcome}: ${judged.detail}`,
  };
}

function unsupportedRow(target: string, probe: ProbeSpec, sandbox: boolean, reason: string): ResultRow {
  return { ...rowBase(target, probe, sandbox), status: 'not-supported', median: null, samples: [], note: reason };
}

function rowBase(target: string, probe: ProbeSpec, sandbox: boolean) {
  return {
    target,
    suite: ISOLATION_SUITE,
    metric: metricOf(probe, sandbox),
    unit: 'contained',
    better: 'higher' as const,
    params: { probe: probe.id, sandbox },
  };
}
