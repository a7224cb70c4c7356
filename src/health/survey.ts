/**
 * One survey, nanomsg's Survey pattern: the question goes to every respondent
 * at once, answers are collected until one shared deadline, and whoever has
 * not answered by then is named silent. Built as a concurrent fan-out of each
 * handle's own health check (a ping, the gRPC health service...), so one
 * survey covers a fleet whatever transport each plugin speaks.
 */
import type { HealthStatus } from '../core/transport.js';

export interface Respondent {
  readonly name: string;
  health(): Promise<HealthStatus>;
}

export type SurveyAnswer =
  /** Answered healthy before the deadline. */
  | { member: string; status: 'answered'; latencyMs: number }
  /** Answered "not healthy" before the deadline (crashed, restarting, stopped). */
  | { member: string; status: 'failed'; latencyMs: number; detail: string }
  /** No answer within the deadline (hung, unreachable). */
  | { member: string; status: 'silent'; detail: string };

/**
 * Asks every respondent at once and settles at the deadline, or earlier once all
 * answered. Every health check starts synchronously, in this call, so the survey
 * sees the fleet as it is when it is sent. A late answer is ignored.
 */
export function survey(respondents: readonly Respondent[], deadlineMs: number): Promise<SurveyAnswer[]> {
  const began = performance.now();
  const answers: (SurveyAnswer | undefined)[] = respondents.map(() => undefined);
  return new Promise((resolve) => {
    let open = respondents.length;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(
        respondents.map(
          (respondent, i) =>
            answers[i] ?? { member: respondent.name, status: 'silent', detail: `no answer within ${deadlineMs} ms` },
        ),
      );
    };
    const timer = setTimeout(finish, deadlineMs);
    if (open === 0) return finish();
    respondents.forEach((respondent, i) => {
      const record = (status: HealthStatus) => {
        if (settled || answers[i]) return;
        const latencyMs = performance.now() - began;
        answers[i] = status.ok
          ? { member: respondent.name, status: 'answered', latencyMs }
          : { member: respondent.name, status: 'failed', latencyMs, detail: status.detail };
        if (--open === 0) finish();
      };
      let asked: Promise<HealthStatus>;
      try {
        asked = respondent.health();
      } catch (error) {
        asked = Promise.resolve({ ok: false, latencyMs: 0, detail: (error as Error).message });
      }
      asked.then(record, (error: unknown) => record({ ok: false, latencyMs: 0, detail: String(error) }));
    });
  });
}
