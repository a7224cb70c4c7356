/**
 * The process-wide side of a benchmark run from the CLI: Ctrl-C (and SIGTERM)
 * abort the run so every plugin is stopped (a second Ctrl-C kills them at once),
 * and an error a transport lets escape (an unhandled rejection) is recorded as a
 * warning instead of ending the whole run.
 */
import { PluginError } from '../core/errors.js';
import type { StopList } from './stop-list.js';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export interface RunGuard extends Disposable {
  /** Aborts on the first Ctrl-C or SIGTERM. */
  readonly signal: AbortSignal;
  /** Escaped errors so far, each with the step it happened in. */
  readonly warnings: string[];
  /** Names the step under way, for the warnings. */
  setStep(step: string): void;
}

export interface RunGuardOptions {
  stopList: StopList;
  /** Where the guard says what it does (stderr). */
  say(line: string): void;
}

export function guardRun({ stopList, say }: RunGuardOptions): RunGuard {
  const controller = new AbortController();
  const warnings: string[] = [];
  let step = 'starting';
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      // A second Ctrl-C: do not wait for graceful stops any more.
      stopList.killAll();
      process.exit(EXIT_INTERRUPTED);
    }
    say(`plugbench: ${signal}: stopping every plugin (Ctrl-C again to kill them now)`);
    controller.abort(new PluginError('CANCELLED', `interrupted by ${signal}`));
  };
  const onStray = (reason: unknown) => {
    const warning = `unhandled error during ${step}: ${reason instanceof Error ? reason.message : String(reason)}`;
    warnings.push(warning);
    say(`plugbench: warning: ${warning} (recorded; the run goes on)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', onStray);
  return {
    signal: controller.signal,
    warnings,
    setStep: (name) => void (step = name),
    [Symbol.dispose]() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('unhandledRejection', onStray);
    },
  };
}
