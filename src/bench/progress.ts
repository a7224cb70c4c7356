/**
 * Progress while a run works, on stderr. On a terminal: one live line
 * rewritten in place (a bar, the step, elapsed time and an estimate of what is
 * left), and a summary line left on screen as each target finishes. Elsewhere
 * (a pipe, a CI log, or CI set): plain lines only, one per step and per target,
 * with no carriage returns.
 */
import { formatDuration } from '../results/units.js';
import { wrapText } from '../results/text-width.js';
import type { ProgressEvent } from './run-bench.js';

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * `note` prints a line of its own above the live line; `status` shows a line
 * on a terminal only, until the run's first event replaces it; `finish` clears
 * the live line and leaves the last target's summary, or with `instead` (an
 * interrupted run) that line and no summary; `abandon` (the run failed) only
 * clears the live line, so the error is printed on a clean one.
 */
export type ProgressPrinter = ((event: ProgressEvent) => void) & {
  finish(instead?: string): void;
  note(text: string): void;
  status(text: string): void;
  abandon(): void;
};

/** Where the run is: what the live line and the plain lines are drawn from. */
export interface ProgressState {
  index: number;
  total: number;
  label: string;
  suite: string;
  detail?: string;
  elapsedMs: number;
  /** Steps finished so far. */
  done: number;
}

/** The estimate of what is left: the mean step so far times the steps left ("" before any step finished). */
export function estimateLeft(state: Pick<ProgressState, 'elapsedMs' | 'done' | 'total'>): string {
  if (state.done === 0) return '';
  return `~${formatClock((state.elapsedMs / state.done) * (state.total - state.done))} left`;
}

/** 75_000 -> "1m15s", 4_200 -> "4s". */
export function formatClock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** "1m02s elapsed, ~9m40s left". */
function clockText(state: Pick<ProgressState, 'elapsedMs' | 'done' | 'total'>): string {
  return [`${formatClock(state.elapsedMs)} elapsed`, estimateLeft(state)].filter(Boolean).join(', ');
}

const BAR = 20;

/** The live line: "█████░░░ 12/190  1m02s elapsed, ~9m40s left  worker · latency · 100 calls", cut to `width` so it never wraps. */
export function renderLiveLine(state: ProgressState, width: number): string {
  const filled = Math.round((BAR * state.done) / Math.max(1, state.total));
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
  const clock = clockText(state);
  const step = `${state.label} · ${state.suite}${state.detail ? ` · ${state.detail}` : ''}`;
  const line = `${bar} ${state.index}/${state.total}  ${clock}  ${step}`;
  const chars = [...line];
  return chars.length <= width - 1 ? line : `${chars.slice(0, Math.max(0, width - 2)).join('')}…`;
}

/** What one target did, for the line it leaves behind. */
interface TargetTally {
  label: string;
  steps: number;
  ms: number;
  failed: string[];
}

function count(tally: TargetTally, event: Extract<ProgressEvent, { type: 'done' }>): void {
  tally.steps += 1;
  tally.ms += event.ms;
  if (!event.ok) tally.failed.push(event.suite);
}

function tallyLine(tally: TargetTally): string {
  const failed = tally.failed.length > 0 ? `, ${tally.failed.length} failed (${tally.failed.join(', ')})` : '';
  return `${tally.failed.length > 0 ? '✗' : '✓'} ${tally.label}: ${tally.steps} suite${tally.steps === 1 ? '' : 's'} in ${formatDuration(tally.ms)}${failed}`;
}

/** "measuring 19 targets × 10 suites (latency, ...): 190 steps, quick run". */
function planLine(event: Extract<ProgressEvent, { type: 'plan' }>): string {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `measuring ${plural(event.targets, 'target')} × ${plural(event.suites.length, 'suite')} (${event.suites.join(', ')}): ${plural(event.total, 'step')}, ${event.quick ? 'quick' : 'full'} run`;
}

/** "[ 2/190] worker · hang failed: boom (1.00 s)". */
function stepLine(event: Extract<ProgressEvent, { type: 'done' }>): string {
  const outcome = event.ok ? 'ok' : `failed: ${event.note ?? 'see the results'}`;
  return `[${String(event.index).padStart(String(event.total).length)}/${event.total}] ${event.label} · ${event.suite} ${outcome} (${formatDuration(event.ms)})`;
}

export interface ProgressClock {
  now(): number;
}

/** The screen: lines that stay, and on a terminal one live line drawn over and cleared. */
function screen(output: ProgressOutput, live: boolean, width: number) {
  let drawn = false;
  const clear = () => {
    if (drawn) output.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    clear,
    line(text: string) {
      clear();
      // On a terminal a long line (a failure's note) wraps at a word, indented, rather than mid-word.
      output.write(`${live ? wrapText(text, width, { rest: '  ' }).join('\n') : text}\n`);
    },
    draw(text: string) {
      if (!live) return;
      output.write(`\r\x1b[2K${[...text].slice(0, width - 1).join('')}`);
      drawn = true;
    },
  };
}

export function createProgressPrinter(output: ProgressOutput, env: NodeJS.ProcessEnv = process.env, clock: ProgressClock = performance): ProgressPrinter {
  const live = Boolean(output.isTTY) && !env.CI;
  const width = output.columns ?? 80;
  const { line, clear, draw: drawText } = screen(output, live, width);
  const began = clock.now();
  let state: ProgressState = { index: 0, total: 0, label: '', suite: '', elapsedMs: 0, done: 0 };
  let tally: TargetTally | undefined;
  const draw = () => {
    state = { ...state, elapsedMs: clock.now() - began };
    drawText(renderLiveLine(state, width));
  };
  const closeTarget = () => {
    if (tally) line(tallyLine(tally));
    tally = undefined;
  };
  const handlers: { [K in ProgressEvent['type']]: (event: Extract<ProgressEvent, { type: K }>) => void } = {
    skipped: (event) => line(`skipped ${event.target}: ${event.reason}`),
    plan: (event) => line(planLine(event)),
    step: (event) => {
      if (tally && tally.label !== event.label) closeTarget();
      tally ??= { label: event.label, steps: 0, ms: 0, failed: [] };
      state = { index: event.index, total: event.total, label: event.label, suite: event.suite, elapsedMs: clock.now() - began, done: state.done };
      draw();
    },
    detail: (event) => {
      state = { ...state, detail: event.detail };
      draw();
    },
    done: (event) => {
      state = { ...state, done: state.done + 1, elapsedMs: clock.now() - began };
      if (tally) count(tally, event);
      if (!live) line(`${stepLine(event)}; ${clockText(state)}`);
      else if (!event.ok) line(stepLine(event));
      else draw();
    },
  };
  const printer = ((event: ProgressEvent) => (handlers[event.type] as (e: ProgressEvent) => void)(event)) as ProgressPrinter;
  printer.note = (text) => {
    line(text);
    if (state.index > 0) draw(); // the run goes on: the live line comes back
  };
  printer.status = drawText;
  printer.abandon = () => {
    [tally, state] = [undefined, { ...state, index: 0 }];
    clear();
  };
  printer.finish = (instead) => {
    if (instead === undefined) closeTarget();
    else line(instead);
    printer.abandon();
  };
  return printer;
}
