/** The human-readable lines of a health report (the command prints them; --json prints the report itself). */
import { formatDuration } from '../results/units.js';
import type { HealthReport, RestartRecord } from './fleet.js';
import type { SurveyAnswer } from './survey.js';

const describeAnswer: { [K in SurveyAnswer['status']]: (answer: Extract<SurveyAnswer, { status: K }>) => string } = {
  answered: (answer) => `answered in ${formatDuration(answer.latencyMs)}`,
  failed: (answer) => `answered unhealthy in ${formatDuration(answer.latencyMs)}: ${answer.detail}`,
  silent: (answer) => `did not answer: ${answer.detail}`,
};

function surveyLines(title: string, answers: readonly SurveyAnswer[], width: number): string[] {
  return [
    title,
    ...answers.map((answer) => `  ${answer.member.padEnd(width)}  ${(describeAnswer[answer.status] as (a: SurveyAnswer) => string)(answer)}`),
  ];
}

function restartLine(record: RestartRecord, width: number): string {
  const pids = record.pidAfter === undefined ? '' : ` (pid ${record.pidBefore ?? '?'} -> ${record.pidAfter})`;
  return record.ok
    ? `  ${record.member.padEnd(width)}  back in ${formatDuration(record.ms)}${pids}`
    : `  ${record.member.padEnd(width)}  NOT back after ${formatDuration(record.ms)}: ${record.detail}`;
}

export function formatReport(report: HealthReport): string[] {
  const width = Math.max(8, ...report.members.map((member) => member.name.length));
  const count = `${report.members.length} plugin${report.members.length === 1 ? '' : 's'}`;
  const lines = surveyLines(`survey: ${count}, one question to all at once, deadline ${report.deadlineMs} ms`, report.survey, width);
  for (const failure of report.startFailures) lines.push(`  ${failure.member.padEnd(width)}  did not start: ${failure.reason}`);
  if (report.restarts.length > 0) {
    lines.push(`restart through the supervisor: ${report.restarts.map((r) => r.member).join(', ')}`);
    lines.push(...report.restarts.map((record) => restartLine(record, width)));
  }
  if (report.resurvey) lines.push(...surveyLines('survey again:', report.resurvey, width));
  lines.push(report.allAnswering ? `all ${count} answering` : 'NOT all plugins answering');
  return lines;
}
