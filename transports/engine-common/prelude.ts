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
 *   `api.invokeWith(ref, method, ...args)` is the same with the arguments spread,
 *   and `api.invokeOne(ref, method, arg)` the same for one argument.
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
  const defineProperty = Object.defineProperty;
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

  // The host client a method receives. Its functions are made when first read (and work unbound,
  // destructured), so a method that never calls the host, the usual case, costs one small object.
  const CALL_ID = Symbol('callId');
  const DEPTH = Symbol('depth');
  function HostClient(callId, depth) {
    this[CALL_ID] = callId;
    this[DEPTH] = depth;
  }
  function madeOnRead(name, make) {
    defineProperty(HostClient.prototype, name, {
      get: function () {
        const fn = make(this);
        defineProperty(this, name, { value: fn, enumerable: true });
        return fn;
      },
    });
  }
  madeOnRead('call', function (host) {
    const callId = host[CALL_ID];
    const depth = host[DEPTH];
    return function (name) { return request('host', callId, depth, name, slice.call(arguments, 1)); };
  });
  madeOnRead('log', function (host) {
    const call = host.call;
    return function (level, message) { return call('log', level, message).then(function () {}); };
  });
  madeOnRead('getConfig', function (host) {
    const call = host.call;
    return function (key) {
      return call('getConfig', key).then(function (value) { return typeof value === 'string' ? value : null; });
    };
  });

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

  // A C string ends at U+0000, and the host's UTF-8 decoder drops a leading U+FEFF as a byte-order mark: such strings cross as JSON.
  function asCString(value) {
    return value.indexOf('\u0000') === -1 && value.charCodeAt(0) !== 0xfeff;
  }

  function report(callId, ok, value) {
    if (cStrings && typeof value === 'string' && !asCString(value)) done(callId, ok, JSON.stringify(value), true);
    else done(callId, ok, value, false);
  }

  function invoke(ref, method, args) {
    return run(ref, method, args, args[0], args.length === 1);
  }

  // invoke with the arguments spread, for an engine where each array item costs a crossing;
  // invokeOne is the one-argument case, without an arguments object or an array.
  function invokeWith(ref, method) {
    return invoke(ref, method, slice.call(arguments, 2));
  }

  function invokeOne(ref, method, arg) {
    return run(ref, method, null, arg, true);
  }

  function run(ref, method, args, first, one) {
    const callId = floor(ref / DEPTHS);
    const depth = ref % DEPTHS;
    let result;
    try {
      const fault = faultInjection && hasOwn.call(faults, method) ? faults[method] : undefined;
      const fn = fault || (methods && methods[method]);
      if (typeof fn !== 'function') {
        throw new PluginError('METHOD_NOT_FOUND', 'plugin has no method "' + method + '"', { method: method });
      }
      const host = new HostClient(callId, depth);
      if (fault) {
        result = fn(first, host, callId, depth);
      } else if (one) {
        result = fn(first, host);
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
    if (typeof result === 'string' && !(cStrings && !asCString(result))) return result;
    report(callId, true, result);
    return undefined;
  }

  return { describe: describe, invoke: invoke, invokeWith: invokeWith, invokeOne: invokeOne };
})`;
