/**
 * PluginError <-> JSON-RPC error objects. The numeric JSON-RPC code follows the
 * spec where one fits; `data` carries the full `{code, message, data}`, so the
 * typed error crosses intact (a Python plugin sends the same shape).
 */
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node.js';
import { PluginError, isSerializedError, serializeError, toPluginError, type ErrorCode } from '../../src/core/errors.js';

const NUMERIC_CODES: Partial<Record<ErrorCode, number>> = {
  METHOD_NOT_FOUND: ErrorCodes.MethodNotFound,
  INVALID_INPUT: ErrorCodes.InvalidParams,
  PROTOCOL_ERROR: ErrorCodes.InvalidRequest,
};

/** Codes for errors from a peer that sent no typed `data`. */
const FROM_NUMERIC: Record<number, ErrorCode> = {
  [ErrorCodes.MethodNotFound]: 'METHOD_NOT_FOUND',
  [ErrorCodes.InvalidParams]: 'INVALID_INPUT',
  [ErrorCodes.InvalidRequest]: 'PROTOCOL_ERROR',
  [ErrorCodes.ParseError]: 'PROTOCOL_ERROR',
};

/** A thrown value as the ResponseError a request handler throws. */
export function toResponseError(error: unknown, fallback: ErrorCode = 'PLUGIN_ERROR'): ResponseError<unknown> {
  const typed = toPluginError(error, fallback);
  return new ResponseError(NUMERIC_CODES[typed.code] ?? ErrorCodes.InternalError, typed.message, serializeError(typed));
}

/** A rejected request (ResponseError or connection failure) as a PluginError. */
export function fromResponseError(error: unknown, fallback: ErrorCode = 'PLUGIN_ERROR'): PluginError {
  if (error instanceof ResponseError) {
    if (isSerializedError(error.data)) return PluginError.fromJSON(error.data);
    return new PluginError(FROM_NUMERIC[error.code] ?? fallback, error.message, { data: { jsonrpcCode: error.code } });
  }
  return toPluginError(error, fallback);
}
