/**
 * The JavaScript that runs inside the engine (node:vm or QuickJS) before the
 * plugin script: it gives the script a `PluginError` class, hands each method a
 * `host` client, catches errors into `{code, message, data}` and reports every
 * result through `done(callId, ok, value)`. Results travel by callback, never as
 * a promise the host awaits: a promise from inside the engine only settles while
 * the engine runs its jobs, which the host does under the call's time limit.
 */

/** How the engine asks the host for something asynchronous. */
export type BridgeKind = 'host' | 'sleep';

/** Depths a call ref can hold: more than MAX_CALL_DEPTH. */
const CALL_REF_DEPTHS = 16;

/** A call's id and depth in one number, for `api.invoke`. */
export function callRef(callId: number, depth: number): number {
  return callId * CALL_REF_DEPTHS + depth;
}

/**
 * Evaluates to a function `(bridge, done, faultInjection, cStrings, memoryLimited) => api`:
 * - `bridge(kind, callId, depth, name, args, resolve, reject)` starts a host call
 *   (or a sleep) and later calls `resolve(value)` or `reject({code, message, data})`;
 * - `done(callId, ok, valueOrError, json)` receives each call's outcome; with
 *   `cStrings` (an engine whose strings cross as NUL-terminated C strings) a
 *   string holding U+0000 arrives JSON-encoded, with `json` true;
 * - `memoryLimited` says whether the engine stops a memory bomb (`fault:memory`);
 *   where it would not, the bomb refuses to go off rather than take the host down;
 * - `api.describe()` lists the functions the plugin script defined at top level;
 * - `api.invoke(ref, method, args)` runs one call, `ref` being `callRef(callId, depth)`
 *   (one number: an engine where each value that crosses costs a handle passes one);
 *   `api.invokeWith(ref, method, ...args)` is the same with the arguments spread.
 *   A call that succeeds at once with a string that can cross returns it (the
 *   usual case, which needs no `done`); every other outcome goes to `done`, and
 *   invoke returns undefined.
 */
export const PRELUDE_SOURCE = String.raw`(function (bridge, done, faultInjection, cStrings, memoryLimited) {
  'use strict';
  const DEPTHS = ${CALL_REF_DEPTHS};
  // Builtins taken once: a global lookup in a node:vm context goes through its sandbox's interceptor,
  // which costs microseconds on every call, and a plugin's own globals cannot shadow these.
  const slice = Array.prototype.slice;
  const hasOwn = Object.prototype.hasOwnProperty;
  const floor = Math.floor;
  const PromiseClass = Promise;
  class PluginError extends Error {
    constructor(code, message, data) {
      super(message);
      this.name = 'PluginError';
      this.code = code;
      if (data !== undefined) this.data = data;
    }
  }
  Object.defineProperty(globalThis, 'PluginError', { value: PluginError, writable: false, enumerable: false });

  function request(kind, callId, depth, name, args) {
    return new PromiseClass(function (resolve, reject) {
      bridge(kind, callId, depth, name, args, resolve, function (error) {
        reject(new PluginError(error.code, error.message, error.data));
      });
    });
  }

  function hostClient(callId, depth) {
    const call = function (name) {
      return request('host', callId, depth, name, slice.call(arguments, 1));
    };
    return {
      call: call,
      log: function (level, message) { return call('log', level, message).then(function () {}); },
      getConfig: function (key) {
        return call('getConfig', key).then(function (value) { return typeof value === 'string' ? value : null; });
      },
    };
  }

  const faults = {
    'fault:hang': function () { for (;;) {} },
    'fault:stall': function () { return new Promise(function () {}); },
    'fault:throw': function (message) { throw new Error(typeof message === 'string' ? message : 'fault injected by request'); },
    'fault:sleep': function (ms, host, callId, depth) { return request('sleep', callId, depth, 'sleep', [Number(ms) || 0]).then(function () { return 'slept'; }); },
    'fault:memory': function () {
      if (!memoryLimited) throw new PluginError('PLUGIN_ERROR', 'this engine has no memory limit; a memory bomb would take the host down');
      const hoard = [];
      for (;;) hoard.push('x'.repeat(1048576) + hoard.length);
    },
    'fault:crash': function () { throw new PluginError('PLUGIN_ERROR', 'this container cannot crash on request'); },
    'fault:garbage': function () { throw new PluginError('PLUGIN_ERROR', 'this container has no channel to corrupt'); },
  };

  function toWire(error) {
    if (error !== null && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string') {
      const wire = { code: error.code, message: error.message };
      if (error.data !== undefined) {
        try { wire.data = JSON.parse(JSON.stringify(error.data)); } catch (_) { wire.data = String(error.data); }
      }
      return wire;
    }
    const message = error !== null && typeof error === 'object' && typeof error.message === 'string' ? error.message : String(error);
    const name = error !== null && typeof error === 'object' && typeof error.name === 'string' ? error.name : typeof error;
    return { code: 'PLUGIN_ERROR', message: message, data: { name: name } };
  }

  const builtins = new Set(Object.getOwnPropertyNames(globalThis));
  builtins.add('__plugbench');
  let methods;

  function describe() {
    methods = Object.create(null);
    for (const key of Object.getOwnPropertyNames(globalThis)) {
      if (!builtins.has(key) && typeof globalThis[key] === 'function') methods[key] = globalThis[key];
    }
    return JSON.stringify({
      methods: Object.keys(methods),
      name: typeof globalThis.name === 'string' ? globalThis.name : null,
      version: typeof globalThis.version === 'string' ? globalThis.version : null,
    });
  }

  function report(callId, ok, value) {
    if (cStrings && typeof value === 'string' && value.indexOf('\u0000') !== -1) done(callId, ok, JSON.stringify(value), true);
    else done(callId, ok, value, false);
  }

  function invoke(ref, method, args) {
    const callId = floor(ref / DEPTHS);
    const depth = ref % DEPTHS;
    let result;
    try {
      const fault = faultInjection && hasOwn.call(faults, method) ? faults[method] : undefined;
      const fn = fault || (methods && methods[method]);
      if (typeof fn !== 'function') {
        throw new PluginError('METHOD_NOT_FOUND', 'plugin has no method "' + method + '"', { method: method });
      }
      const host = hostClient(callId, depth);
      if (fault) {
        result = fn(args[0], host, callId, depth);
      } else {
        const list = slice.call(args);
        list.push(host);
        result = fn.apply(undefined, list);
      }
    } catch (error) {
      report(callId, false, toWire(error));
      return undefined;
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then(function (value) { report(callId, true, value); }, function (error) { report(callId, false, toWire(error)); });
      return undefined;
    }
    if (typeof result === 'string' && !(cStrings && result.indexOf('\u0000') !== -1)) return result;
    report(callId, true, result);
    return undefined;
  }

  function invokeWith(ref, method) {
    return invoke(ref, method, slice.call(arguments, 2));
  }

  return { describe: describe, invoke: invoke, invokeWith: invokeWith };
})`;
