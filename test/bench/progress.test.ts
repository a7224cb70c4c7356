import { describe, expect, it } from 'vitest';
import { createProgressPrinter } from '../../src/bench/progress.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { output: { isTTY, write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
}

const run = (printer: ReturnType<typeof createProgressPrinter>) => {
  printer({ type: 'skipped', target: 'lua', reason: 'no lua' });
  printer({ type: 'step', index: 1, total: 2, label: 'worker', suite: 'latency' });
  printer({ type: 'detail', label: 'worker', suite: 'latency', detail: '100 calls' });
  printer({ type: 'done', index: 1, total: 2, label: 'worker', suite: 'latency', ok: true, ms: 12 });
  printer({ type: 'step', index: 2, total: 2, label: 'worker', suite: 'hang' });
  printer({ type: 'done', index: 2, total: 2, label: 'worker', suite: 'hang', ok: false, ms: 1500, note: 'boom' });
  printer.finish();
};

describe('progress', () => {
  it('prints plain lines, one per step, when the output is not a terminal', () => {
    const out = capture(false);
    run(createProgressPrinter(out.output, {}));
    expect(out.text()).toBe(['skipped lua: no lua', '[1/2] worker · latency ok (12.0 ms)', '[2/2] worker · hang failed: boom (1.50 s)', ''].join('\n'));
  });

  it('prints plain lines on a terminal when CI is set', () => {
    const out = capture(true);
    run(createProgressPrinter(out.output, { CI: 'true' }));
    expect(out.text()).not.toContain('\x1b[');
  });

  it('rewrites one live line on a terminal (target, suite, how far), keeping failures on screen', () => {
    const out = capture(true);
    run(createProgressPrinter(out.output, {}));
    const text = out.text();
    expect(text).toContain('\r\x1b[2K[1/2] worker · latency · 100 calls');
    expect(text).toContain('[2/2] worker · hang failed: boom');
    expect(text).not.toContain('latency ok');
    expect(text.endsWith('\n')).toBe(true);
  });
});
