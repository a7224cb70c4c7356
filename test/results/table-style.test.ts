/**
 * Colour: FORCE_COLOR and NO_COLOR decide as in Node, a terminal gets colour by
 * default, and only the cells that mean something are painted. The end-to-end
 * cases run the real `compare` on a regression, through a pipe and through a
 * pseudo-terminal (util-linux `script`).
 */
import { spawnSync } from 'node:child_process';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { colorEnabled, paintCell, paintRow } from '../../src/results/table-style.js';
import { makeResults, useTempDir, withSlowerTarget } from '../helpers/bench-results.js';
import { PLUGBENCH_BIN, runPlugbench } from '../helpers/run-cli.js';

const ESC = '\u001b[';
const tty = { isTTY: true };
const pipe = { isTTY: false };
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const tempDir = useTempDir();

describe('colorEnabled', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
  });

  it('NO_COLOR (any non-empty value), CI and TERM=dumb turn it off', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { CI: 'true' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('FORCE_COLOR turns it on for a pipe, even over NO_COLOR; 0 and false turn it off', () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1', CI: 'true' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });
});

describe('paintCell', () => {
  it('paints the cells that carry news and leaves the rest alone', () => {
    expect(paintRow(['worker', 'ALLOWED', 'blocked', 'REGRESSION', 'failed', 'improvement', '1.2 ms'], true)).toEqual([
      'worker',
      `${ESC}31mALLOWED${ESC}39m`,
      'blocked',
      `${ESC}31mREGRESSION${ESC}39m`,
      `${ESC}31mfailed${ESC}39m`,
      `${ESC}32mimprovement${ESC}39m`,
      '1.2 ms',
    ]);
    expect(paintCell('REGRESSION', false)).toBe('REGRESSION');
  });
});

describe('colour in the real compare table', () => {
  async function regressionFiles(): Promise<[string, string]> {
    const base = makeResults();
    return [await tempDir().write('base.json', base), await tempDir().write('head.json', withSlowerTarget(base, 'worker', 1.3))];
  }

  it('FORCE_COLOR paints the regression through a pipe, and nothing else; without it the pipe gets plain text', async () => {
    const files = await regressionFiles();
    const [forced, plain] = await Promise.all([runPlugbench(['compare', ...files], { FORCE_COLOR: '1' }), runPlugbench(['compare', ...files], { FORCE_COLOR: undefined })]);
    expect(forced.exitCode).toBe(1);
    const coloured = forced.stdout.split('\n').filter((line) => line.includes(ESC));
    expect(coloured.length).toBeGreaterThan(0);
    for (const line of coloured) expect(line).toContain(`${ESC}31mREGRESSION${ESC}39m`);
    expect(plain.stdout).not.toContain(ESC);
  });

  it.skipIf(!hasScript)('a terminal gets colour, and NO_COLOR takes it away', async () => {
    const files = await regressionFiles();
    const command = ['node', PLUGBENCH_BIN, 'compare', ...files].map((word) => `'${word}'`).join(' ');
    const inTerminal = (env: Record<string, string | undefined>) =>
      execa('script', ['-qec', command, '/dev/null'], { reject: false, timeout: 60_000, env: { FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, TERM: 'xterm', ...env } });
    const [coloured, noColor] = await Promise.all([inTerminal({}), inTerminal({ NO_COLOR: '1' })]);
    expect(coloured.exitCode).toBe(1);
    expect(coloured.stdout).toContain(`${ESC}31mREGRESSION${ESC}39m`);
    expect(noColor.stdout).toContain('REGRESSION');
    expect(noColor.stdout).not.toContain(ESC);
  });
});
