/**
 * Runs one child host and turns its reports into per-probe results. A child
 * that dies after announcing a probe crashed on it; one that stays silent past
 * the probe's deadline hung on it and is killed.
 */
import { execa } from 'execa';
import { builtPath } from '../core/runtime-paths.js';
import { parseReport, type ChildJob, type ChildReport } from './child-protocol.js';
import { findProbe, type CallOutcome } from './probes.js';

/** Heap of a child host whose plugin shares its heap, so a memory bomb reaches it before the probe's cap. */
export const HOST_HEAP_MB = 256;
/** Time to start a host and its plugin. */
const START_GRACE_MS = 30_000;
/** Silence past a probe's own deadline that counts as a hung host. */
const HUNG_AFTER_MS = 10_000;

export type ProbeRun =
  | { kind: 'evidence'; call: CallOutcome; hostGlobalsChanged: boolean }
  | { kind: 'host-crashed' | 'host-hung' | 'failed'; detail: string };

export type ChildResult = { cannotHost: string } | { form: string; runs: Map<string, ProbeRun> };

export interface ChildHostOptions {
  job: ChildJob;
  env: Record<string, string>;
  /** Give the child host a small heap (not for thread targets: V8 heap flags apply to its workers too). */
  heapLimited: boolean;
}

export async function runChildHost({ job, env, heapLimited }: ChildHostOptions): Promise<ChildResult> {
  const args = [...(heapLimited ? [`--max-old-space-size=${HOST_HEAP_MB}`] : []), builtPath('src', 'audit', 'probe-host.js'), JSON.stringify(job)];
  // The same guarantee as every plugin: stdin is the host's lifeline, and a parent-death signal ends it even mid-loop.
  const { withDeathSignal } = await import('../../transports/process/death-signal.js'); // only when an audit runs
  const line = withDeathSignal(process.execPath, args);
  const child = execa(line.command, line.args, { env, extendEnv: true, reject: false, stdin: 'pipe', buffer: { stdout: false, stderr: true } });
  const reports: ChildReport[] = [];
  let hung = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, ms);
  };
  arm(START_GRACE_MS);
  try {
    for await (const line of child) {
      const report = parseReport(String(line));
      if (!report) continue;
      reports.push(report);
      const probe = report.type === 'begin' ? findProbe(report.probe) : undefined;
      arm(probe ? probe.timeoutMs(job.setup) + HUNG_AFTER_MS : START_GRACE_MS);
    }
  } catch {
    // the stream ends with an error when the child is killed; its result says how
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  const result = await child;
  const ended = hung
    ? `the host stopped answering and was killed ${HUNG_AFTER_MS / 1000} s past the probe's deadline`
    : `the host process died (${result.signal ? `signal ${result.signal}` : `exit code ${String(result.exitCode)}`}${lastLine(String(result.stderr ?? ''))})`;
  return interpret(job, reports, hung, ended);
}

function interpret(job: ChildJob, reports: ChildReport[], hung: boolean, ended: string): ChildResult {
  const cannot = reports.find((report) => report.type === 'cannot-host');
  if (cannot?.type === 'cannot-host') return { cannotHost: cannot.reason };
  const hosted = reports.find((report) => report.type === 'hosted');
  const error = reports.find((report) => report.type === 'error');
  const runs = new Map<string, ProbeRun>();
  let current: string | undefined;
  for (const report of reports) {
    if (report.type === 'begin') current = report.probe;
    if (report.type === 'evidence') {
      runs.set(report.probe, { kind: 'evidence', call: report.call, hostGlobalsChanged: report.hostGlobalsChanged });
      current = undefined;
    }
  }
  for (const probe of job.probes) {
    if (runs.has(probe)) continue;
    if (probe === current && !error) runs.set(probe, { kind: hung ? 'host-hung' : 'host-crashed', detail: ended });
    else runs.set(probe, { kind: 'failed', detail: error?.type === 'error' ? error.message : hosted ? `not run: ${ended} earlier` : `the probe host did not start: ${ended}` });
  }
  return { form: hosted?.type === 'hosted' ? hosted.form : 'unknown', runs };
}

function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('at ') && !line.startsWith('<'));
  const telling = lines.find((line) => /FATAL ERROR|heap|Error/.test(line)) ?? lines.at(-1);
  return telling ? `: ${telling.slice(0, 160)}` : '';
}
