/**
 * Opens a transport's connection within the start deadline and the caller's
 * signal, whatever the transport does: a connection that arrives after the
 * runner gave up is closed, so a late start leaves nothing running.
 */
import type { Connection, OpenConnection, OpenRequest } from './connection.js';
import { PluginError, toPluginError } from './errors.js';

export async function openWithinDeadline(target: string, open: OpenConnection, request: OpenRequest): Promise<Connection> {
  const budgetMs = Math.max(1, request.deadline - performance.now());
  let opening: Promise<Connection>;
  try {
    opening = open(request);
  } catch (error) {
    opening = Promise.reject(error);
  }
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const givenUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginError('START_FAILED', `${target}: did not start within ${Math.round(budgetMs)} ms`, { data: { timeoutMs: Math.round(budgetMs) } })), budgetMs);
    onAbort = () => reject(new PluginError('CANCELLED', `${target}: start was cancelled`, { cause: request.signal?.reason }));
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([opening, givenUp]);
  } catch (error) {
    // Whatever opens late is closed at once; the open's own failure is the one reported.
    opening.then((connection) => connection.close(), () => {}).catch(() => {});
    throw startError(target, error);
  } finally {
    clearTimeout(timer);
    if (onAbort) request.signal?.removeEventListener('abort', onAbort);
  }
}

function startError(target: string, error: unknown): PluginError {
  const typed = toPluginError(error, 'START_FAILED');
  if (typed.code === 'PLUGIN_ERROR') return new PluginError('START_FAILED', typed.message.startsWith(target) ? typed.message : `${target}: ${typed.message}`, { cause: error, data: typed.data });
  return typed;
}
