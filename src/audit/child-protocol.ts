/** What the audit tells a child host, and the lines the child host prints back. */
import type { CallOutcome, ProbeSetup } from './probes.js';

export interface ChildJob {
  target: string;
  sandbox: boolean;
  probes: string[];
  setup: ProbeSetup;
}

export type ChildReport =
  | { type: 'hosted'; form: string }
  | { type: 'cannot-host'; reason: string }
  | { type: 'begin'; probe: string }
  | { type: 'evidence'; probe: string; call: CallOutcome; hostGlobalsChanged: boolean }
  | { type: 'error'; message: string };

/** Reports are tagged so plugin output on the same stdout cannot be mistaken for one. */
export const REPORT_PREFIX = 'plugbench-audit ';

export function parseReport(line: string): ChildReport | undefined {
  if (!line.startsWith(REPORT_PREFIX)) return undefined;
  try {
    return JSON.parse(line.slice(REPORT_PREFIX.length)) as ChildReport;
  } catch {
    return undefined;
  }
}
