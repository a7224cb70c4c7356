/**
 * Moves values between the host and a QuickJS context. Strings cross as UTF-8 C
 * strings (copied into and out of the engine's linear memory), which end at the
 * first NUL; a string holding U+0000, and anything that is not a string, crosses
 * as JSON instead.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';

/** A new handle for `value`; the caller disposes it. */
export function toHandle(context: QuickJSContext, value: unknown): QuickJSHandle {
  if (typeof value === 'string' && !value.includes('\0')) return context.newString(value);
  if (typeof value === 'number') return context.newNumber(value);
  if (value === undefined) return context.undefined;
  const json = context.newString(JSON.stringify(value));
  const parse = context.unwrapResult(context.evalCode('JSON.parse'));
  try {
    return context.unwrapResult(context.callFunction(parse, context.undefined, json));
  } finally {
    json.dispose();
    parse.dispose();
  }
}

/** The host value of `handle`, which stays owned by the caller. */
export function fromHandle(context: QuickJSContext, handle: QuickJSHandle): unknown {
  return context.typeof(handle) === 'string' ? context.getString(handle) : context.dump(handle);
}
