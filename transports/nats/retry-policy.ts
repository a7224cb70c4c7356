/**
 * The host's retry policy for calls to the shared service (a handle connected
 * with `endpoint`), like gRPC's per-attempt timeout: an idempotent call that has
 * no answer after `attemptTimeoutMs` is sent again, and the queue group gives it
 * to a live instance; the first answer wins. A call no instance can take ("no
 * responders") is retried until `noResponderGraceMs`, then fails with CRASHED.
 * Calls to one instance (a handle that started its plugin) are never retried.
 */
export interface RetryPolicy {
  /** Methods that may run twice without harm. */
  readonly idempotent: ReadonlySet<string>;
  readonly attemptTimeoutMs: number;
  /** Sends of one call, the first included. */
  readonly maxAttempts: number;
  readonly noResponderGraceMs: number;
}

export const SERVICE_RETRY_POLICY: RetryPolicy = {
  idempotent: new Set(['revert']),
  attemptTimeoutMs: 250,
  maxAttempts: 3,
  noResponderGraceMs: 2_000,
};

/** Calls pinned to one instance: nothing is retried, "no responders" fails at once. */
export const NO_RETRY: RetryPolicy = { idempotent: new Set(), attemptTimeoutMs: Infinity, maxAttempts: 1, noResponderGraceMs: 0 };
