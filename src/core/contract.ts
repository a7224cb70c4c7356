/**
 * The plugin contract: what every plugin offers, in every transport and language.
 * `revert(text)` reverses by Unicode code point; `exit()` asks for a graceful shutdown.
 */
import { PluginError } from './errors.js';

/** Methods every plugin must offer. */
export const REQUIRED_METHODS = ['revert', 'exit'] as const;

/** Methods a plugin may offer; the host checks for them before using them. */
export const OPTIONAL_METHODS = ['revertWithPrefix'] as const;

export type ContractMethod = (typeof REQUIRED_METHODS)[number] | (typeof OPTIONAL_METHODS)[number];

/**
 * Methods a plugin offers only when the host asks for fault injection (tests and
 * the benchmark), in every language: crash the container, loop forever, never
 * answer, throw, answer after a sleep, write garbage on the channel. Every
 * plugin implements exactly this list; the conformance suite checks it.
 */
export const FAULT_METHODS = ['fault:crash', 'fault:hang', 'fault:stall', 'fault:throw', 'fault:sleep', 'fault:garbage'] as const;

export type FaultMethod = (typeof FAULT_METHODS)[number];

/** The seed's palindrome, the default input of `demo` and `bench`. */
export const SEED_TEXT = 'Live on time, emit no evil';

/** Reference implementation: reverse by code point, so surrogate pairs stay whole. */
export function revertText(text: string): string {
  return Array.from(text).reverse().join('');
}

/** Throws INVALID_INPUT unless `value` is a well-formed Unicode string. */
export function assertValidText(value: unknown, argument = 'text'): asserts value is string {
  if (typeof value !== 'string') {
    throw new PluginError('INVALID_INPUT', `${argument} must be a string, got ${describeType(value)}`);
  }
  if (!value.isWellFormed()) {
    const index = findLoneSurrogate(value);
    throw new PluginError(
      'INVALID_INPUT',
      `${argument} is not well-formed Unicode: lone surrogate at index ${index}`,
      { data: { index } },
    );
  }
}

/**
 * Host-side check of a call's arguments before they leave the process: some
 * channels (protobuf, UTF-8 byte buffers) would silently replace a lone surrogate
 * by U+FFFD, so the host refuses it where the plugin could not even see it.
 */
export function validateCallArguments(method: string, args: readonly unknown[]): void {
  if (method === 'revert' || method === 'revertWithPrefix') {
    if (args.length !== 1) {
      throw new PluginError('INVALID_INPUT', `${method} takes exactly one argument (text), got ${args.length}`);
    }
    assertValidText(args[0]);
  }
}

function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return -1;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
