/**
 * The sample plugin, in TypeScript: what a plugin author writes. The same module
 * runs in-process, by dynamic import, in a worker, in a child process, in node:vm
 * and in QuickJS.
 */
import { assertValidText, type HostClient } from 'plugbench/plugin';

export const name = 'revert';
export const version = '1.0.0';

/** Reverses `text` by code point, so emoji and other astral characters stay whole. */
export function revert(text: string): string {
  assertValidText(text);
  return Array.from(text).reverse().join('');
}

/** Asks the host for a prefix (one callback), then reverts. */
export async function revertWithPrefix(text: string, host: HostClient): Promise<string> {
  assertValidText(text);
  const prefix = (await host.getConfig('prefix')) ?? '';
  return prefix + revert(text);
}

/** Nothing to release; the host may end the plugin after this returns. */
export function exit(): void {}
