/**
 * Bounds on what goes into gRPC metadata. Metadata travels in HTTP/2 header
 * frames, which peers cap (gRPC's C core takes 8 KiB by default; past a peer's
 * cap the call never completes and the connection may be torn down with every
 * call on it). So an error's status message and its typed trailer are cut to a
 * few KiB, with a marker that says how long the text was; the same bounds hold in
 * the Python plugin (sample-plugins/python/grpc_bounds.py).
 */
import { PluginError, type SerializedError } from '../../src/core/errors.js';

/** UTF-8 bytes of the status message (`grpc-message`, percent-encoded on the wire: at most 3x). */
export const MAX_DETAILS_BYTES = 1024;
/** UTF-8 bytes of the error's message inside the typed trailer (base64 on the wire: 4/3x). */
export const MAX_TRAILER_MESSAGE_BYTES = 2048;
/** UTF-8 bytes of the error's `data` as JSON; larger data is left out, and the trailer says so. */
export const MAX_TRAILER_DATA_BYTES = 1024;
/** Health answers' metadata with the plugin's load as JSON (src/core/plugin-load.ts), from plugins that report it. */
export const LOAD_METADATA = 'plugbench-load';

/** Longest method name a call may carry; a longer one is no method of any plugin. */
export const MAX_METHOD_NAME_CHARS = 1024;

/**
 * `text` if its UTF-8 form fits in `maxBytes`; else its first code points that fit,
 * then `… [cut: N characters]` (N: code points of the whole text).
 */
export function cutText(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  let total = 0;
  for (const _ of text) total++;
  const marker = `… [cut: ${total} characters]`;
  const budget = maxBytes - Buffer.byteLength(marker);
  let used = 0;
  let end = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const bytes = char.length === 2 ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (used + bytes > budget) break;
    used += bytes;
    end += char.length;
  }
  return text.slice(0, end) + marker;
}

/** The typed error as it may ride in the trailer: message cut, oversized data replaced by a note. */
export function boundedError(error: SerializedError): SerializedError {
  const message = cutText(error.message, MAX_TRAILER_MESSAGE_BYTES);
  if (error.data === undefined) return { code: error.code, message };
  const dataJson = JSON.stringify(error.data) ?? '';
  const dataBytes = Buffer.byteLength(dataJson);
  if (dataBytes <= MAX_TRAILER_DATA_BYTES) return { code: error.code, message, data: error.data };
  return { code: error.code, message, data: { cut: `data of ${dataBytes} bytes left out of the trailer` } };
}

/** The whole trailer's bound: JSON escapes (`\u0001`) can make a cut message up to 6x longer. */
export const MAX_TRAILER_BYTES = 4096;

/** The bytes of the `plugbench-error-bin` trailer for `error`, at most MAX_TRAILER_BYTES. */
export function trailerBytes(error: SerializedError): Buffer {
  const bytes = Buffer.from(JSON.stringify(boundedError(error)), 'utf8');
  if (bytes.length <= MAX_TRAILER_BYTES) return bytes;
  const message = cutText(error.message, MAX_TRAILER_BYTES / 8);
  return Buffer.from(JSON.stringify({ code: error.code, message, data: { cut: 'data left out of the trailer' } }), 'utf8');
}

/** Throws METHOD_NOT_FOUND for a method name longer than any plugin's (its name cut in the message). */
export function refuseLongMethodName(method: string): void {
  if (method.length <= MAX_METHOD_NAME_CHARS) return;
  const shown = cutText(method, 80);
  throw new PluginError('METHOD_NOT_FOUND', `no plugin has a method named "${shown}": method names are at most ${MAX_METHOD_NAME_CHARS} characters`, {
    data: { method: shown, length: method.length },
  });
}
