/**
 * PluginError <-> gRPC status. The status code follows gRPC's meaning where
 * one fits; the typed error `{code, message, data}` rides along as UTF-8 JSON in
 * the `plugbench-error-bin` trailer, so it crosses intact (Python does the same).
 */
import * as grpc from '@grpc/grpc-js';
import { PluginError, isSerializedError, serializeError, toPluginError, type ErrorCode } from '../../src/core/errors.js';
import { MAX_DETAILS_BYTES, cutText, trailerBytes } from './metadata-bounds.js';

export const ERROR_TRAILER = 'plugbench-error-bin';

const STATUS_BY_CODE: Partial<Record<ErrorCode, grpc.status>> = {
  INVALID_INPUT: grpc.status.INVALID_ARGUMENT,
  METHOD_NOT_FOUND: grpc.status.UNIMPLEMENTED,
  TIMEOUT: grpc.status.DEADLINE_EXCEEDED,
  CANCELLED: grpc.status.CANCELLED,
  HOST_FUNCTION_NOT_FOUND: grpc.status.NOT_FOUND,
  CALL_DEPTH_EXCEEDED: grpc.status.RESOURCE_EXHAUSTED,
};

/** For a status that carries no typed trailer (another gRPC server, a dropped connection). */
const CODE_BY_STATUS: Partial<Record<grpc.status, ErrorCode>> = {
  [grpc.status.INVALID_ARGUMENT]: 'INVALID_INPUT',
  [grpc.status.UNIMPLEMENTED]: 'METHOD_NOT_FOUND',
  [grpc.status.DEADLINE_EXCEEDED]: 'TIMEOUT',
  [grpc.status.CANCELLED]: 'CANCELLED',
  [grpc.status.UNAVAILABLE]: 'CRASHED',
};

/** A thrown value as the error a grpc-js handler passes to its callback; what goes into metadata is bounded (metadata-bounds.ts). */
export function toServiceError(error: unknown, fallback: ErrorCode = 'PLUGIN_ERROR'): Partial<grpc.StatusObject> {
  const typed = toPluginError(error, fallback);
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_TRAILER, trailerBytes(serializeError(typed)));
  return { code: STATUS_BY_CODE[typed.code] ?? grpc.status.UNKNOWN, details: cutText(typed.message, MAX_DETAILS_BYTES), metadata };
}

/** A failed gRPC call as a PluginError, typed from its trailer when it has one. */
export function fromServiceError(error: unknown, fallback: ErrorCode = 'PLUGIN_ERROR'): PluginError {
  const status = error as Partial<grpc.ServiceError>;
  const [trailer] = status.metadata?.get(ERROR_TRAILER) ?? [];
  if (trailer !== undefined) {
    try {
      const parsed: unknown = JSON.parse(Buffer.isBuffer(trailer) ? trailer.toString('utf8') : trailer);
      if (isSerializedError(parsed)) return PluginError.fromJSON(parsed);
    } catch {
      // fall through to the status code
    }
  }
  if (typeof status.code === 'number') {
    return new PluginError(CODE_BY_STATUS[status.code] ?? fallback, status.details ?? status.message ?? 'gRPC call failed', {
      data: { grpcStatus: status.code },
    });
  }
  return toPluginError(error, fallback);
}

/** Parses JSON a peer sent; malformed JSON is the peer breaking the protocol. */
export function parseJson(text: string, what: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    throw new PluginError('PROTOCOL_ERROR', `${what} is not JSON: ${text.slice(0, 80)}`);
  }
}
