/** Small waiting helpers the Supervisor composes: a deferred, a delay, a wait bounded by a deadline and a signal. */
import { PluginError } from './errors.js';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** `promise`, or TIMEOUT after `timeoutMs`, or CANCELLED when `signal` aborts. */
export function waitWithin<T>(promise: Promise<T>, timeoutMs: number | undefined, signal: AbortSignal | undefined, describe: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => reject(new PluginError('TIMEOUT', describe(), { data: { timeoutMs } })), timeoutMs);
    const onAbort = () => reject(new PluginError('CANCELLED', 'call was cancelled while the plugin restarted', { cause: signal?.reason }));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

export function formatWindow(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

export function noop(): void {}
