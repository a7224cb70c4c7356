import { describe, expect, it } from 'vitest';
import { DEMO_DETAIL_COLUMN, demoLine, runDemo } from '../../src/demo/run-demo.js';
import { runPlugbench } from '../helpers/run-cli.js';

/** Where a narration line's duration ends ("  spawn         108 ms  ..."), or undefined for a line without one. */
const durationEnd = (line: string) => {
  const match = /^ {2}\S+ +\d[\d.]* (µs|ms|s)(?= {2}|$)/u.exec(line);
  return match ? [...match[0]].length : undefined;
};

describe('demo narration', () => {
  for (const target of ['worker', 'stdio-rpc']) {
    it(`${target}: the start steps add up to the start, and every duration ends in the same column`, async () => {
      const lines: string[] = [];
      const result = await runDemo({ target, narrate: (line) => lines.push(line) });
      const steps = result.startupSteps.reduce((sum, step) => sum + step.ms, 0);
      // Each step is a delta from the one before: together they never exceed the whole start.
      expect(steps).toBeLessThanOrEqual(result.timings.startMs);
      expect(result.startupSteps.map((step) => step.name)).toEqual(expect.arrayContaining(['spawn', 'handshake']));
      const ends = lines.map(durationEnd).filter((end) => end !== undefined);
      expect(ends.length).toBeGreaterThanOrEqual(4); // spawn, handshake, started, call, stopped
      expect(new Set(ends)).toEqual(new Set([2 + 10 + 1 + 9]));
      const started = lines.find((line) => line.startsWith('  started'));
      expect(started).toBeDefined();
    });
  }

  it('lays a line out as step, right-aligned duration, detail', () => {
    expect(demoLine('handshake', 24, 'revert 1.0.0')).toBe('  handshake    24.0 ms  revert 1.0.0');
    expect(demoLine('result', undefined, '"ba"')).toBe(`  result${' '.repeat(DEMO_DETAIL_COLUMN - '  result'.length)}"ba"`);
  });

  it('wraps a long detail under the detail column at the width it is given', async () => {
    const { stdout, exitCode } = await runPlugbench(['demo', 'stdio-rpc'], { COLUMNS: '80' });
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    const spawn = lines.findIndex((line) => line.startsWith('  spawn'));
    expect(lines[spawn + 1]).toMatch(new RegExp(`^ {${DEMO_DETAIL_COLUMN}}\\S`));
  });
});
