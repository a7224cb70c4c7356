/** `plugbench health`: start the fleet, check it by survey, stop it, return the report. */
import type { TargetSummary } from '../targets/load-target.js';
import { Fleet, type HealthReport } from './fleet.js';
import { selectFleet, type FleetSelection } from './fleet-members.js';
import { formatReport } from './format-report.js';

export interface HealthOptions extends FleetSelection {
  deadlineMs: number;
  narrate?: (line: string) => void;
}

export interface HealthResult extends HealthReport {
  /** Targets asked for (or of the process family) that cannot run here, with the reason. */
  skipped: { name: string; reason: string }[];
}

export async function runHealth(options: HealthOptions): Promise<HealthResult> {
  const say = options.narrate ?? (() => {});
  const { specs, skipped } = await selectFleet(options);
  for (const row of skipped) say(`skipped ${row.name}: ${row.reason ?? 'unavailable'}`);
  say(`starting ${specs.map((spec) => spec.name).join(', ') || 'nothing'}`);
  await using fleet = await Fleet.start(specs);
  const report = await fleet.check({ deadlineMs: options.deadlineMs });
  for (const line of formatReport(report)) say(line);
  return { ...report, skipped: skipped.map((row: TargetSummary) => ({ name: row.name, reason: row.reason ?? 'unavailable' })) };
}
