import { describe, expect, it } from 'vitest';
import { Spinner } from '../../../transports/worker-sab/spin.js';

describe('worker-sab spinner', () => {
  it('never polls when spinning is off', () => {
    let polls = 0;
    expect(new Spinner(0).spin(() => ++polls > 0)).toBe(false);
    expect(polls).toBe(0);
  });

  it('reports what became ready while it spun', () => {
    let polls = 0;
    expect(new Spinner(1000).spin(() => ++polls === 3)).toBe(true);
    expect(polls).toBe(3);
  });

  it('stops spinning after spins that found nothing, and probes again now and then', () => {
    const spinner = new Spinner(0.01);
    let polls = 0;
    const never = () => (polls++, false);
    for (let i = 0; i < 5; i++) spinner.spin(never);
    const afterBackOff = polls;
    let spun = 0;
    for (let i = 0; i < 128; i++) {
      const before = polls;
      spinner.spin(never);
      if (polls > before) spun++;
    }
    expect(afterBackOff).toBeGreaterThan(0);
    expect(spun).toBe(2);
  });
});
