import { describe, expect, it } from 'vitest';
import { createProgressPrinter, estimateLeft, formatClock, renderLiveLine } from '../../src/bench/progress.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { output: { isTTY, columns: 100, write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
}

/** A clock that moves only when told: each step takes what the test says. */
function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function run(printer: ReturnType<typeof createProgressPrinter>, clock: ReturnType<typeof fakeClock>) {
  printer({ type: 'skipped', target: 'lua', reason: 'no lua' });
  printer({ type: 'plan', total: 3, targets: 2, suites: ['latency', 'hang'], quick: true });
  printer({ type: 'step', index: 1, total: 3, label: 'worker', suite: 'latency' });
  printer({ type: 'detail', label: 'worker', suite: 'latency', detail: '100 calls' });
  clock.advance(2000);
  printer({ type: 'done', index: 1, total: 3, label: 'worker', suite: 'latency', ok: true, ms: 2000 });
  printer({ type: 'step', index: 2, total: 3, label: 'worker', suite: 'hang' });
  clock.advance(1000);
  printer({ type: 'done', index: 2, total: 3, label: 'worker', suite: 'hang', ok: false, ms: 1000, note: 'boom' });
  printer({ type: 'step', index: 3, total: 3, label: 'vm', suite: 'latency' });
  clock.advance(3000);
  printer({ type: 'done', index: 3, total: 3, label: 'vm', suite: 'latency', ok: true, ms: 3000 });
  printer.finish();
}

describe('progress', () => {
  it('prints plain lines when the output is not a terminal: the plan, each step with elapsed and what is left, each target', () => {
    const out = capture(false);
    const clock = fakeClock();
    run(createProgressPrinter(out.output, {}, clock), clock);
    expect(out.text()).toBe(
      [
        'skipped lua: no lua',
        'measuring 2 targets × 2 suites (latency, hang): 3 steps, quick run',
        '[1/3] worker · latency ok (2.00 s); 2s elapsed, ~4s left',
        '[2/3] worker · hang failed: boom (1.00 s); 3s elapsed, ~2s left',
        '✗ worker: 2 suites in 3.00 s, 1 failed (hang)',
        '[3/3] vm · latency ok (3.00 s); 6s elapsed, ~0s left',
        '✓ vm: 1 suite in 3.00 s',
        '',
      ].join('\n'),
    );
    expect(out.text()).not.toContain('\r');
  });

  it('prints plain lines on a terminal when CI is set', () => {
    const out = capture(true);
    const clock = fakeClock();
    run(createProgressPrinter(out.output, { CI: 'true' }, clock), clock);
    expect(out.text()).not.toContain('\x1b[');
    expect(out.text()).not.toContain('\r');
  });

  it('rewrites one live line on a terminal and leaves failures and each target summary on screen', () => {
    const out = capture(true);
    const clock = fakeClock();
    run(createProgressPrinter(out.output, {}, clock), clock);
    const text = out.text();
    expect(text).toContain('\r\x1b[2K');
    expect(text).toContain('worker · latency · 100 calls');
    expect(text).toContain('[2/3] worker · hang failed: boom (1.00 s)\n');
    expect(text).toContain('✗ worker: 2 suites in 3.00 s, 1 failed (hang)\n');
    expect(text).toContain('✓ vm: 1 suite in 3.00 s\n');
    expect(text).not.toContain('latency ok');
    expect(text.endsWith('✓ vm: 1 suite in 3.00 s\n')).toBe(true); // the live line is gone, the summary stays
  });

  it('on a terminal, wraps a long failure at a word so it fits the width', () => {
    const chunks: string[] = [];
    const printer = createProgressPrinter({ isTTY: true, columns: 40, write: (text: string) => chunks.push(text) }, {}, fakeClock());
    printer({ type: 'step', index: 1, total: 1, label: 'lua', suite: 'payload' });
    printer({ type: 'done', index: 1, total: 1, label: 'lua', suite: 'payload', ok: false, ms: 9270, note: 'lua: the script ran past its time limit and was stopped' });
    printer.finish();
    const screen = chunks.join('').split(/\r\x1b\[2K|\n/);
    for (const line of screen) expect([...line].length).toBeLessThanOrEqual(40);
    expect(chunks.join('')).toContain('time limit');
  });

  it('shows the status before the first event on a terminal only, and clears it for what comes next', () => {
    const tty = capture(true);
    const onTerminal = createProgressPrinter(tty.output, {}, fakeClock());
    onTerminal.status('checking which of 2 targets can run here…');
    onTerminal({ type: 'plan', total: 2, targets: 1, suites: ['latency', 'hang'], quick: true });
    expect(tty.text()).toBe('\r\x1b[2Kchecking which of 2 targets can run here…\r\x1b[2Kmeasuring 1 target × 2 suites (latency, hang): 2 steps, quick run\n');
    const pipe = capture(false);
    const inLog = createProgressPrinter(pipe.output, {}, fakeClock());
    inLog.status('checking which of 2 targets can run here…');
    inLog.abandon();
    expect(pipe.text()).toBe('');
  });

  it('an interrupted run ends with the line it is given and no target summary', () => {
    const out = capture(false);
    const printer = createProgressPrinter(out.output, {}, fakeClock());
    printer({ type: 'step', index: 1, total: 2, label: 'worker', suite: 'latency' });
    printer.finish('interrupted');
    expect(out.text()).toBe('interrupted\n');
  });
});

describe('the live line', () => {
  const state = { index: 12, total: 190, label: 'stdio-rpc-python', suite: 'payload', detail: '64 KiB', elapsedMs: 62_000, done: 11 };

  it('shows a bar, the step, elapsed time and an estimate of what is left', () => {
    const line = renderLiveLine(state, 120);
    expect(line).toMatch(/^█+░+ 12\/190 {2}1m02s elapsed, ~\d+m\d{2}s left {2}stdio-rpc-python · payload · 64 KiB$/);
    expect(estimateLeft(state)).toBe(`~${formatClock((62_000 / 11) * 179)} left`);
    expect(estimateLeft({ ...state, done: 0 })).toBe('');
  });

  it('never wraps: it is cut to one cell less than the width', () => {
    for (const width of [40, 80]) expect([...renderLiveLine(state, width)].length).toBeLessThanOrEqual(width - 1);
  });

  it('reads durations as a clock', () => {
    expect(formatClock(4_200)).toBe('4s');
    expect(formatClock(75_000)).toBe('1m15s');
  });
});
