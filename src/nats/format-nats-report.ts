/** The human-readable lines of `health --nats` (the command prints them; --json prints the result itself). */
import { formatDuration } from '../results/units.js';
import type { RestartRecord } from '../health/fleet.js';
import type { InstanceAnswer, ServiceSurvey } from '../../transports/nats/survey-service.js';
import type { NatsHealthResult } from './nats-health.js';

function instanceLine(answer: InstanceAnswer, localName: string | undefined): string {
  const who = `${answer.id.slice(-8)} ${answer.pid === undefined ? '' : `pid ${answer.pid}@${answer.host ?? '?'}`}`.padEnd(30);
  const ping = answer.pingMs === undefined ? 'no PING answer' : `ping ${formatDuration(answer.pingMs)}`;
  const stats = answer.requests === undefined
    ? 'no STATS answer'
    : `${answer.requests} requests, ${answer.errors ?? 0} errors, ${formatDuration(answer.processingMs ?? 0)} processing` +
      (answer.requests > 0 && answer.processingMs !== undefined ? ` (${formatDuration(answer.processingMs / answer.requests)} a call)` : '');
  return `  ${who}  ${ping.padEnd(16)}  ${stats}${localName ? `  [local ${localName}]` : ''}${answer.lastError ? `; last error: ${answer.lastError}` : ''}`;
}

function surveyLines(title: string, survey: ServiceSurvey, missing: readonly string[], locals: ReadonlyMap<number, string>): string[] {
  const count = survey.instances.length;
  return [
    `${title} ${survey.service} on ${survey.url}: ${count} instance${count === 1 ? '' : 's'} answered within ${survey.deadlineMs} ms ($SRV.PING + $SRV.STATS, sent at once)`,
    ...survey.instances.map((answer) => instanceLine(answer, answer.pid === undefined ? undefined : locals.get(answer.pid))),
    ...(missing.length > 0 ? [`  did not answer: ${missing.join(', ')}`] : []),
  ];
}

function restartLine(record: RestartRecord): string {
  const pids = record.pidAfter === undefined ? '' : ` (pid ${record.pidBefore ?? '?'} -> ${record.pidAfter})`;
  return record.ok ? `  ${record.member}  back in ${formatDuration(record.ms)}${pids}` : `  ${record.member}  NOT back after ${formatDuration(record.ms)}: ${record.detail}`;
}

export function formatNatsReport(result: NatsHealthResult): string[] {
  const locals = new Map(result.local.members.flatMap((member) => (member.pid === undefined ? [] : [[member.pid, member.name] as const])));
  const lines = surveyLines('survey of', result.surveys[0]!, result.missing[0] ?? [], locals);
  for (const failure of result.local.startFailures) lines.push(`  ${failure.member} did not start: ${failure.reason}`);
  if (result.local.restarts.length > 0) {
    lines.push(`restart through the supervisor: ${result.local.restarts.map((r) => r.member).join(', ')}`);
    lines.push(...result.local.restarts.map(restartLine));
  }
  if (result.surveys.length > 1) lines.push(...surveyLines('survey again:', result.surveys[result.surveys.length - 1]!, result.missing[result.missing.length - 1] ?? [], locals));
  const last = result.surveys[result.surveys.length - 1]!;
  lines.push(result.allAnswering ? `all ${last.instances.length} instances answering` : last.instances.length === 0 ? 'NO instance answered' : 'NOT all instances answering');
  return lines;
}
