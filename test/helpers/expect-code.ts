import { expect } from 'vitest';
import { PluginError, type ErrorCode } from '../../src/core/errors.js';

/** Awaits `promise` and asserts it rejects with a PluginError of `code`. Returns the error. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<PluginError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected ${code}, but the call resolved with ${JSON.stringify(value)?.slice(0, 100)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PluginError);
  expect((error as PluginError).code, (error as Error).message).toBe(code);
  return error as PluginError;
}
