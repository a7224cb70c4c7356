/**
 * A call as a peer sent it, checked the same way by every plugin-side runner
 * (JSON-RPC and ZeroMQ, Node and Python alike; docs/plugin-protocol.md, section 4):
 * `args` is a list; `depth` may be left out (a top-level call, 1) and is otherwise
 * an integer from 1; the contract's methods take exactly one argument, a
 * well-formed string. Anything else is INVALID_INPUT and the plugin is not called.
 */
import { validateCallArguments } from '../contract.js';
import { PluginError } from '../errors.js';

export interface CallInput {
  args: unknown[];
  depth: number;
}

/** `args` and `depth` of a call to `method`, or INVALID_INPUT naming what is wrong. */
export function readCall(method: string, args: unknown, depth: unknown): CallInput {
  if (!Array.isArray(args)) throw new PluginError('INVALID_INPUT', `${method} needs args, the list of its arguments`);
  if (depth !== undefined && !(Number.isSafeInteger(depth) && (depth as number) >= 1)) {
    throw new PluginError('INVALID_INPUT', `depth must be an integer from 1, got ${JSON.stringify(depth)}`);
  }
  validateCallArguments(method, args);
  return { args, depth: (depth as number | undefined) ?? 1 };
}

/** JSON-RPC params: an object `{args, depth}` (positional params are refused: the arguments go in `args`). */
export function readCallParams(method: string, params: unknown): CallInput {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    const got = params === undefined ? 'none' : Array.isArray(params) ? 'an array (positional params)' : JSON.stringify(params);
    throw new PluginError('INVALID_INPUT', `${method} needs params {args, depth}, got ${got}`);
  }
  const { args, depth } = params as { args?: unknown; depth?: unknown };
  return readCall(method, args, depth);
}
