/**
 * Every command's terminal output fits the width it is given (COLUMNS, as a
 * terminal or a script sets it): at 80 and 120 columns no line is longer.
 */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/results/text-width.js';
import { makeResults, useTempDir, withSlowerTarget, withTimeSplits } from '../helpers/bench-results.js';
import { runPlugbench } from '../helpers/run-cli.js';

const tempDir = useTempDir();
const WIDTHS = [80, 120] as const;

/** Every line of `text` fits `width` cells. */
function expectFits(text: string, width: number, what: string) {
  const long = text.split('\n').filter((line) => textWidth(line) > width);
  expect(long, `${what} at ${width} columns`).toEqual([]);
}

async function runAt(width: number, args: string[]) {
  const run = await runPlugbench(args, { COLUMNS: String(width) });
  expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(1);
  expectFits(run.stdout, width, args.join(' '));
  return run;
}

describe('output fits 80 and 120 columns', () => {
  it('list', async () => {
    for (const width of WIDTHS) {
      const { stdout } = await runAt(width, ['list']);
      expect(stdout).toContain('in-process');
    }
  });

  it('compare, with and without --wide and --all', async () => {
    const base = withTimeSplits(makeResults());
    const baseFile = await tempDir().write('base.json', base);
    const headFile = await tempDir().write('head.json', withSlowerTarget(base, 'worker', 1.3));
    for (const width of WIDTHS) {
      const changed = await runAt(width, ['compare', baseFile, headFile]);
      expect(changed.stdout).toContain('REGRESSION');
      expect(changed.stdout).toMatch(/more rows? without a significant change/);
      const every = await runAt(width, ['compare', baseFile, headFile, '--all', '--wide']);
      expect(every.stdout).toContain('floor:message-port');
      expect(every.stdout).toContain('p (Holm)');
    }
  });

  it('demo', async () => {
    for (const width of WIDTHS) {
      const { stdout } = await runAt(width, ['demo', 'stdio-rpc']);
      expect(stdout).toContain('"live on time ,emit no eviL"');
    }
  });

  it('report', async () => {
    const file = await tempDir().write('run.json', withTimeSplits(makeResults()));
    for (const width of WIDTHS) await runAt(width, ['report', file, '--out', tempDir().dir]);
  });

  it('bench (its table and its progress)', async () => {
    for (const width of WIDTHS) {
      const out = `${tempDir().dir}/run-${width}.json`;
      const run = await runAt(width, ['bench', '--quick', '--targets', 'in-process,worker', '--suites', 'latency,startup,effort', '--out', out]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('worker');
      // Progress goes to stderr as plain lines (not a terminal here), which fit too except paths.
      expect(run.stderr).toContain('measuring 2 targets × 3 suites');
    }
  }, 120_000);

  it('audit', async () => {
    for (const width of WIDTHS) {
      const { stdout } = await runAt(width, ['audit', '--targets', 'in-process,worker', '--probes', 'read-secret-env,change-host-globals', '--variants', 'plain']);
      expect(stdout).toContain('read-secret-env');
    }
    // Markdown is never wrapped, whatever the width: every table line stays one row.
    const markdown = await runPlugbench(['audit', '--targets', 'in-process', '--probes', 'read-secret-env', '--variants', 'plain', '--format', 'markdown'], { COLUMNS: '20' });
    const rows = markdown.stdout.split('\n').filter((line) => line.startsWith('|'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.endsWith('|')).toBe(true);
  }, 120_000);

  it('health', async () => {
    for (const width of WIDTHS) {
      const { stdout } = await runAt(width, ['health', '--targets', 'stdio-rpc']);
      expect(stdout).toContain('stdio-rpc');
    }
  }, 120_000);
});
