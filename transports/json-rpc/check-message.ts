/**
 * What the plugin side makes of one framed body from its peer, before
 * vscode-jsonrpc sees it (docs/plugin-protocol.md, "What a peer may and may not
 * do"): a well-formed request, notification or response passes on; anything
 * else is answered with the JSON-RPC 2.0 error the spec names (-32700 Parse
 * error, -32600 Invalid Request, with id null where no id can be read), or
 * dropped when it is a notification nobody waits on. Batches are refused as a
 * whole (-32600): plugbench never sends them and vscode-jsonrpc cannot answer them.
 * A request whose bytes are not UTF-8 (a lone surrogate sent as `ED A0 80`)
 * gets INVALID_INPUT (-32602) with its id: decoding would have turned it into U+FFFD.
 */
import { isUtf8 } from 'node:buffer';
import type { Message, ResponseMessage } from 'vscode-jsonrpc/node.js';
import { serializeError, PluginError } from '../../src/core/errors.js';

export type Checked = { message: Message } | { reply: ResponseMessage } | { drop: string };

type RequestId = string | number | null;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

/** An error response carrying the typed error in `data`, as every plugbench error does. */
export function errorResponse(id: RequestId, code: number, typed: PluginError): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message: typed.message, data: serializeError(typed) } };
}

export function invalidRequest(id: RequestId, why: string): ResponseMessage {
  return errorResponse(id, INVALID_REQUEST, new PluginError('PROTOCOL_ERROR', `Invalid Request: ${why}`));
}

export function checkBody(body: Buffer): Checked {
  const wellFormed = isUtf8(body);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { reply: errorResponse(null, PARSE_ERROR, new PluginError('PROTOCOL_ERROR', `Parse error: the body is not JSON (${(error as Error).message})`)) };
  }
  if (Array.isArray(value)) return { reply: invalidRequest(null, 'batches are not supported: send one request per message') };
  if (typeof value !== 'object' || value === null) return { reply: invalidRequest(null, `a message is a JSON object, got ${value === null ? 'null' : typeof value}`) };
  return checkObject(value as Record<string, unknown>, wellFormed);
}

function checkObject(message: Record<string, unknown>, wellFormed: boolean): Checked {
  const hasId = Object.hasOwn(message, 'id');
  const id = message.id;
  const idOk = !hasId || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) || id === null;
  const replyId: RequestId = idOk && hasId ? (id as RequestId) : null;
  const invalid = (why: string): Checked => (hasId ? { reply: invalidRequest(replyId, why) } : { drop: why });
  if (!idOk) return { reply: invalidRequest(null, 'id must be a string, a number or null') };
  if (message.jsonrpc !== '2.0') return invalid(`jsonrpc must be "2.0", got ${JSON.stringify(message.jsonrpc) ?? 'nothing'}`);
  if (!Object.hasOwn(message, 'method')) {
    if (hasId && (Object.hasOwn(message, 'result') || Object.hasOwn(message, 'error'))) return { message: message as unknown as Message };
    return invalid('a request needs a method (a response needs result or error)');
  }
  if (typeof message.method !== 'string') return invalid('method must be a string');
  if (Object.hasOwn(message, 'params') && (typeof message.params !== 'object' || message.params === null)) {
    return invalid('params must be an object or an array');
  }
  if (hasId && id === null) return { reply: invalidRequest(null, 'a request id must be a string or a number (null is for errors)') };
  if (!wellFormed) {
    const typed = new PluginError('INVALID_INPUT', 'the message is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes; escape it as \\ud800 in JSON)');
    return hasId ? { reply: errorResponse(replyId, INVALID_PARAMS, typed) } : { drop: typed.message };
  }
  return { message: message as unknown as Message };
}
