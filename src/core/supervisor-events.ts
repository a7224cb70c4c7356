/** What a supervisor reports while it keeps a plugin running, and what it records. */

/**
 * Why a plugin was replaced: it died, it stopped answering, or it answered its
 * health check saying it is degraded (calls it cannot stop still running; plugin-load.ts).
 */
export type RecoveryCause = 'crash' | 'unresponsive' | 'degraded';

/** One recovery: from the crash to the first successful call on the fresh plugin. */
export interface RecoveryRecord {
  cause: RecoveryCause;
  /** What happened (exit code, signal, failed health check). */
  message: string;
  /** Crashes inside the policy window when this one happened (1 for the first). */
  attempt: number;
  /** Wall-clock time of the crash (ms since the epoch). */
  crashedAt: number;
  /** Crash to fresh plugin started, including the backoff delay. */
  restartMs: number;
  /** Crash to first successful call on the fresh plugin. */
  recoveryMs: number;
}

export type SupervisorEvent =
  | { type: 'started'; generation: number; pid?: number }
  | { type: 'crashed'; cause: RecoveryCause; message: string; crashesInWindow: number }
  | { type: 'restarting'; delayMs: number; attempt: number }
  | { type: 'restart-failed'; message: string }
  | { type: 'recovered'; record: RecoveryRecord }
  | { type: 'swapped'; generation: number; drained: boolean }
  /** A warm spare is started and idle (SupervisorOptions.spare). */
  | { type: 'spare-ready'; generation: number }
  /** The spare took over from a plugin that crashed or hung. */
  | { type: 'spare-used'; generation: number }
  | { type: 'gave-up'; message: string };
