/**
 * Host functions: the API a plugin may call back into while it serves a call
 * (pie's consumer role; go-plugin's broker; Extism's host functions).
 */
import { PluginError, toPluginError } from './errors.js';

/** Deepest host -> plugin -> host -> plugin chain the host allows. */
export const MAX_CALL_DEPTH = 8;

export interface HostCallContext {
  /** Depth of the plugin call this host call was made from (1 for a top-level call). */
  depth: number;
  /** Name of the target whose plugin made the call. */
  target: string;
}

export type HostFunction = (args: unknown[], context: HostCallContext) => unknown;

/** Host functions by name. */
export type HostFunctions = Readonly<Record<string, HostFunction>>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: ReadonlySet<string> = new Set(['debug', 'info', 'warn', 'error']);

export interface DefaultHostOptions {
  /** Values `getConfig(key)` answers; a missing key answers null. */
  config?: Readonly<Record<string, string>>;
  /** Where `log(level, message)` goes; defaults to nowhere. */
  onLog?: (level: LogLevel, message: string, context: HostCallContext) => void;
}

/** The default host API: `log(level, message)` and `getConfig(key)`. */
export function createHostFunctions(options: DefaultHostOptions = {}): HostFunctions {
  const config = options.config ?? { prefix: 'reverted: ' };
  return {
    log([level, message], context) {
      if (typeof level !== 'string' || !LOG_LEVELS.has(level)) {
        throw new PluginError('INVALID_INPUT', `log level must be one of debug, info, warn, error; got ${String(level)}`);
      }
      if (typeof message !== 'string') throw new PluginError('INVALID_INPUT', 'log message must be a string');
      options.onLog?.(level as LogLevel, message, context);
      return null;
    },
    getConfig([key]) {
      if (typeof key !== 'string') throw new PluginError('INVALID_INPUT', 'getConfig key must be a string');
      return Object.hasOwn(config, key) ? config[key] : null;
    },
  };
}

/**
 * Depth of the host function running synchronously right now (0: none). A plugin
 * call a host function makes before its first `await` inherits it; one made later
 * passes `{ depth: context.depth }` in its CallOptions. AsyncLocalStorage would
 * carry it across awaits, but on Node 20 enabling it slows every promise in the
 * process about 3x (measured: 53 -> 150 ns per await), plugin calls included.
 */
let activeHostCallDepth = 0;

/** The depth a plugin call made now inherits: that of the host function running synchronously, or 0. */
export function currentHostCallDepth(): number {
  return activeHostCallDepth;
}

/** Throws CALL_DEPTH_EXCEEDED when a call at `depth` would go past the limit. */
export function assertCallDepth(depth: number): void {
  if (depth > MAX_CALL_DEPTH) {
    throw new PluginError(
      'CALL_DEPTH_EXCEEDED',
      `host -> plugin call chain is ${depth} deep, the limit is ${MAX_CALL_DEPTH}; a host function is calling the plugin recursively`,
      { data: { depth, limit: MAX_CALL_DEPTH } },
    );
  }
}

/**
 * Runs one host function for a plugin. Every transport funnels plugin->host calls
 * through here, so errors, unknown names and the depth limit behave the same
 * everywhere. The function runs at `context.depth`, so a plugin call it makes is
 * one level deeper.
 */
export async function dispatchHostCall(
  functions: HostFunctions | undefined,
  name: string,
  args: unknown[],
  context: HostCallContext,
): Promise<unknown> {
  const fn = functions && Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!fn) {
    const known = functions ? Object.keys(functions).join(', ') : 'none';
    throw new PluginError('HOST_FUNCTION_NOT_FOUND', `host function "${name}" does not exist (known: ${known})`, {
      data: { name },
    });
  }
  const outer = activeHostCallDepth;
  try {
    activeHostCallDepth = context.depth;
    let result: unknown;
    try {
      result = fn(args, context);
    } finally {
      activeHostCallDepth = outer;
    }
    return await result;
  } catch (error) {
    const typed = toPluginError(error, 'HOST_ERROR');
    if (typed.code === 'PLUGIN_ERROR') {
      // An untyped failure inside a host function is the host's fault, not the plugin's.
      throw new PluginError('HOST_ERROR', typed.message, { cause: error, data: typed.data });
    }
    throw typed;
  }
}
