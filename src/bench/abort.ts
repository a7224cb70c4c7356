/** Waiting that Ctrl-C and suite deadlines can interrupt. */
import { PluginError } from '../core/errors.js';

/** The error a run ends with when its signal aborts (Ctrl-C or a suite deadline). */
export function abortError(signal: AbortSignal): PluginError {
  const reason: unknown = signal.reason;
  if (PluginError.is(reason)) return reason as PluginError;
  return new PluginError('CANCELLED', 'the benchmark was interrupted', { cause: reason });
}

/** Resolves like `promise`, or rejects as soon as `signal` aborts (the promise is left to settle on its own). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Throws the abort error if `signal` has aborted; call it between samples. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

/** Sleeps `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `promise`'s value, or undefined once `ms` have passed (the timer is cleared either way). */
export async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
