/**
 * A plugin that crashes while large calls are being written to it must not take
 * the host down: every write or stream error after the child died belongs to the
 * crash (every call in flight rejects with CRASHED), and nothing escapes as an
 * unhandled rejection or an uncaught 'error'. A real host process runs the
 * scenario (Node makes an unhandled rejection fatal there), several rounds per
 * target because the race is timing-dependent. The fixture collects the
 * plugin's own stderr lines through onEvent, so the host's stderr must be empty.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CRASH_EXIT_CODE } from '../../../transports/process/node-runner.js';
import { loadAllTargets } from '../../helpers/targets.js';

const ROUNDS = 5;
/** A crash is reported as CRASHED; CLOSED only if the stop raced a call. */
const CRASH_CODES = ['CLOSED', 'CRASHED'];
const fixture = new URL('../../fixtures/process/crash-under-load.mjs', import.meta.url).pathname;
const processTargets = (await loadAllTargets()).filter(({ target }) => target.family === 'process');

interface FixtureReport {
  codes: string[];
  messages: string[];
  exited: { reason: string; exitCode?: number };
}

for (const { name, availability } of processTargets) {
  describe.skipIf(!availability.available)(`${name} crash under load${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
    it(`lets no error escape into the host and rejects every call with CRASHED (${ROUNDS} rounds)`, async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const result = await execa('node', [fixture, name], { timeout: 30_000, reject: false });
        const context = `round ${round}: exit ${result.exitCode}, stderr: ${result.stderr}, stdout: ${result.stdout}`;
        expect(result.stderr, context).toBe('');
        expect(result.exitCode, context).toBe(0);
        const report = JSON.parse(result.stdout) as FixtureReport;
        expect(report.codes, context).toContain('CRASHED');
        expect(report.codes.filter((code) => !CRASH_CODES.includes(code)), context).toEqual([]);
        expect(report.exited, context).toMatchObject({ reason: 'crashed', exitCode: CRASH_EXIT_CODE });
      }
    });
  });
}
