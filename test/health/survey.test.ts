import { describe, expect, it } from 'vitest';
import { survey } from '../../src/health/survey.js';
import type { HealthStatus } from '../../src/core/transport.js';

describe('survey', () => {
  it('names who answered, who answered unhealthy, and who stayed silent past the deadline', async () => {
    const answers = await survey(
      [
        { name: 'up', health: async (): Promise<HealthStatus> => ({ ok: true, latencyMs: 1 }) },
        { name: 'down', health: async (): Promise<HealthStatus> => ({ ok: false, latencyMs: 1, detail: 'crashed' }) },
        { name: 'silent', health: () => new Promise<HealthStatus>(() => {}) },
        { name: 'throws', health: () => Promise.reject(new Error('boom')) },
      ],
      200,
    );
    expect(answers.map((answer) => [answer.member, answer.status])).toEqual([
      ['up', 'answered'],
      ['down', 'failed'],
      ['silent', 'silent'],
      ['throws', 'failed'],
    ]);
    expect(answers[2]).toMatchObject({ detail: 'no answer within 200 ms' });
  });

  it('asks every respondent in the same tick it is called', () => {
    const asked: string[] = [];
    const respondent = (name: string) => ({ name, health: () => (asked.push(name), new Promise<HealthStatus>(() => {})) });
    void survey([respondent('a'), respondent('b')], 10);
    expect(asked).toEqual(['a', 'b']);
  });

  it('settles at once for an empty fleet', async () => {
    expect(await survey([], 60_000)).toEqual([]);
  });
});
