/**
 * Progress while a run works, on stderr: one line rewritten in place on a
 * terminal (which target, which suite, how far), plain lines when the output
 * is not a terminal or CI is set, so logs stay readable.
 */
import { formatDuration } from '../results/units.js';
import type { ProgressEvent } from './run-bench.js';

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export type ProgressPrinter = ((event: ProgressEvent) => void) & { finish(): void };

export function createProgressPrinter(output: ProgressOutput, env: NodeJS.ProcessEnv = process.env): ProgressPrinter {
  const live = Boolean(output.isTTY) && !env.CI;
  let position = '';
  let drawn = false;
  const line = (text: string) => output.write(`${text}\n`);
  const draw = (text: string) => {
    output.write(`\r\x1b[2K${text}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) output.write('\r\x1b[2K');
    drawn = false;
  };
  const handlers: { [K in ProgressEvent['type']]: (event: Extract<ProgressEvent, { type: K }>) => void } = {
    skipped: (event) => {
      clear();
      line(`skipped ${event.target}: ${event.reason}`);
    },
    step: (event) => {
      position = `[${String(event.index).padStart(String(event.total).length)}/${event.total}] ${event.label} · ${event.suite}`;
      if (live) draw(position);
    },
    detail: (event) => {
      if (live) draw(`${position} · ${event.detail}`);
    },
    done: (event) => {
      const outcome = event.ok ? 'ok' : `failed: ${event.note ?? 'see the results'}`;
      if (live && event.ok) return;
      clear();
      line(`${position} ${outcome} (${formatDuration(event.ms)})`);
    },
  };
  const printer = ((event: ProgressEvent) => (handlers[event.type] as (e: ProgressEvent) => void)(event)) as ProgressPrinter;
  printer.finish = clear;
  return printer;
}
