/** payload: latency and MB/s (10^6 bytes of the string's UTF-8 per second) for 16 B, 1 KiB, 64 KiB and 1 MiB strings. */
import { revertText, SEED_TEXT } from '../../core/contract.js';
import { toPluginError } from '../../core/errors.js';
import { checkAborted } from '../abort.js';
import { measureLatency } from '../measure-latency.js';
import { PAYLOAD_WARMUP_MS } from '../budget.js';
import { derivedRow, measuredRow, statusRow } from '../rows.js';
import type { Suite } from '../suite.js';
import { formatBytes } from '../../results/units.js';

export const payloadSuite: Suite = {
  name: 'payload',
  summary: 'latency and MB/s for 16 B, 1 KiB, 64 KiB and 1 MiB strings',
  async run(context) {
    const { budget, signal } = context;
    const handle = await context.warm();
    const rows = [];
    for (const size of budget.payload) {
      const label = formatBytes(size.bytes, true);
      context.progress(label);
      const params = { bytes: size.bytes };
      const latency = context.row(`round-trip-${label}`, 'ms', 'lower', params);
      const rate = context.row(`megabytes-per-second-${label}`, 'MB/s', 'higher', params);
      try {
        const text = payloadText(size.bytes);
        const answer = await handle.call<string>('revert', [text]);
        if (answer !== revertText(text)) throw new Error(`wrong answer for a ${label} string`);
        const measured = await measureLatency(() => handle.call('revert', [text]), { ...size, warmupMs: PAYLOAD_WARMUP_MS, signal });
        rows.push(
          measuredRow(latency, measured.samples, { mean: measured.mean, margin: measured.margin, warmup: measured.warmup }),
          derivedRow(rate, measured.samples.map((ms) => size.bytes / 1e6 / (Math.max(ms, 1e-6) / 1000)), [latency.metric]),
        );
      } catch (error) {
        checkAborted(signal);
        const note = toPluginError(error).message;
        rows.push(statusRow(latency, 'failed', note), statusRow(rate, 'failed', note));
      }
    }
    return rows;
  },
};

/** ASCII text of exactly `bytes` bytes (and as many code points), cut from the repeated seed. */
export function payloadText(bytes: number): string {
  const unit = `${SEED_TEXT} `;
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}
