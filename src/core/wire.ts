/**
 * Messages between a host and a JavaScript plugin runner over a message channel
 * (worker MessagePort, child-process IPC). Tagged by `type`; check what arrives
 * from a plugin with `isPluginMessage` before trusting it.
 */
import { isSerializedError, type SerializedError } from './errors.js';

export type HostMessage =
  | { type: 'call'; id: number; method: string; args: unknown[]; depth: number }
  | { type: 'host-result'; id: number; ok: true; value: unknown }
  | { type: 'host-result'; id: number; ok: false; error: SerializedError }
  | { type: 'ping'; id: number }
  /** The host gave call `id` up and no longer waits for its result; a runner may stop or skip it. */
  | { type: 'cancel'; id: number }
  | { type: 'exit' };

export type PluginMessage =
  | { type: 'ready'; name?: string; version?: string }
  | { type: 'start-error'; error: SerializedError }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'host-call'; id: number; name: string; args: unknown[]; depth: number }
  /** `load`: what a plugin that reports its load says (src/core/plugin-load.ts). */
  | { type: 'pong'; id: number; load?: unknown };

export function isPluginMessage(value: unknown): value is PluginMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return true;
    case 'start-error':
      return isSerializedError(message.error);
    case 'result':
      return typeof message.id === 'number' && (message.ok === true || isSerializedError(message.error));
    case 'host-call':
      return typeof message.id === 'number' && typeof message.name === 'string' && Array.isArray(message.args) && typeof message.depth === 'number';
    case 'pong':
      return typeof message.id === 'number';
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'call':
      return typeof message.id === 'number' && typeof message.method === 'string' && Array.isArray(message.args);
    case 'host-result':
      return typeof message.id === 'number';
    case 'ping':
    case 'cancel':
      return typeof message.id === 'number';
    case 'exit':
      return true;
    default:
      return false;
  }
}
