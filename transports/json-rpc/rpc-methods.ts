/**
 * The JSON-RPC methods plugbench speaks, both directions (the Python plugins
 * use the same names). Host -> plugin: the plugin method's own name with
 * `CallParams`; plugin -> host: `host/call` with `HostCallParams`.
 */

/** Params of a host -> plugin call: the method's arguments and the call depth to echo back. */
export interface CallParams {
  args: unknown[];
  depth: number;
}

/** Params of a plugin -> host call. */
export interface HostCallParams {
  name: string;
  args: unknown[];
  depth: number;
}

export const PING_METHOD = 'plugbench/ping';
export const HOST_CALL_METHOD = 'host/call';
/** The contract's graceful shutdown; the plugin answers, then exits. */
export const EXIT_METHOD = 'exit';

export function isCallParams(value: unknown): value is CallParams {
  const params = value as CallParams | null;
  return typeof params === 'object' && params !== null && Array.isArray(params.args) && typeof params.depth === 'number';
}

export function isHostCallParams(value: unknown): value is HostCallParams {
  const params = value as HostCallParams | null;
  return isCallParams(value) && typeof params?.name === 'string';
}
