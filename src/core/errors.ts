/**
 * Typed errors that cross every plugin boundary (thread, process, interpreter).
 * On the wire an error is `{code, message, data}`; `PluginError.fromJSON` rebuilds
 * the same class on the host side, so callers can switch on `code` everywhere.
 */

/** The closed set of error codes. Add a code here, never an ad-hoc string. */
export const ERROR_CODES = [
  /** The arguments break the contract (not a string, not well-formed Unicode). */
  'INVALID_INPUT',
  /** The plugin ran and failed (threw, returned garbage). */
  'PLUGIN_ERROR',
  /** The plugin does not offer the method that was called. */
  'METHOD_NOT_FOUND',
  /** The call did not finish before its deadline. */
  'TIMEOUT',
  /** The caller aborted the call through its AbortSignal. */
  'CANCELLED',
  /** The plugin process, worker or engine died while calls were pending. */
  'CRASHED',
  /** The handle was stopped; no call can run on it any more. */
  'CLOSED',
  /** A supervisor or handle was used before it was started. */
  'NOT_STARTED',
  /** The plugin could not be started (missing file, bad handshake, contract not met). */
  'START_FAILED',
  /** The target cannot run on this machine (missing interpreter, module or build). */
  'UNAVAILABLE',
  /** The channel carried something that is not the protocol (garbage on stdout). */
  'PROTOCOL_ERROR',
  /** A host function called by the plugin threw. */
  'HOST_ERROR',
  /** The plugin called a host function that does not exist. */
  'HOST_FUNCTION_NOT_FOUND',
  /** host -> plugin -> host -> plugin chains went deeper than allowed. */
  'CALL_DEPTH_EXCEEDED',
  /** The plugin's files do not match their signed manifest. */
  'INTEGRITY_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The shape of an error on the wire. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  data?: unknown;
}

const codeSet: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && codeSet.has(value);
}

export interface PluginErrorOptions {
  cause?: unknown;
  data?: unknown;
}

export class PluginError extends Error {
  readonly code: ErrorCode;
  readonly data?: unknown;

  constructor(code: ErrorCode, message: string, options: PluginErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PluginError';
    this.code = code;
    if (options.data !== undefined) this.data = options.data;
  }

  toJSON(): SerializedError {
    return serializeError(this);
  }

  /** Rebuilds an error that crossed a boundary; anything malformed becomes PROTOCOL_ERROR. */
  static fromJSON(value: unknown): PluginError {
    if (isSerializedError(value)) {
      return new PluginError(value.code, value.message, value.data === undefined ? {} : { data: value.data });
    }
    return new PluginError('PROTOCOL_ERROR', `malformed error from plugin: ${safeStringify(value)}`);
  }

  /**
   * True for any object that carries a known code and a message, including a
   * PluginError from another copy of this library (a plugin bundles its own).
   */
  static is(value: unknown): value is PluginError {
    return value instanceof PluginError || (value instanceof Error && isErrorCode((value as { code?: unknown }).code));
  }
}

export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return isErrorCode(candidate.code) && typeof candidate.message === 'string';
}

export function serializeError(error: PluginError): SerializedError {
  const wire: SerializedError = { code: error.code, message: error.message };
  if (error.data !== undefined) wire.data = toJsonSafe(error.data);
  return wire;
}

/**
 * Turns any thrown value into a PluginError: a PluginError (from any copy of the
 * library) keeps its code, anything else gets `fallback` and is kept as `cause`.
 */
export function toPluginError(value: unknown, fallback: ErrorCode = 'PLUGIN_ERROR'): PluginError {
  if (value instanceof PluginError) return value;
  if (PluginError.is(value)) {
    const foreign = value as Error & { code: ErrorCode; data?: unknown };
    return new PluginError(foreign.code, foreign.message, { cause: value, data: foreign.data });
  }
  if (isSerializedError(value)) return PluginError.fromJSON(value);
  if (value instanceof Error) return new PluginError(fallback, value.message, { cause: value });
  return new PluginError(fallback, typeof value === 'string' ? value : safeStringify(value), { cause: value });
}

function toJsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What a call's own send settles with once the runner gave it up: CANCELLED, naming why (CallContext.onGiveUp). */
export function givenUp(reason: PluginError): PluginError {
  return new PluginError('CANCELLED', `the host gave the call up (${reason.code}): ${reason.message}`, { cause: reason });
}
