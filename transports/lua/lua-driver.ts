/**
 * The Lua that runs before the plugin: it dispatches one call per coroutine and
 * gives each method a `host` table. A host call yields the coroutine
 * (`"host", name, depth, args`); the JavaScript side performs it, whatever time
 * it takes, and resumes the coroutine with `true, value` or `false, error`. So
 * many calls, each waiting for its own callback, share one Lua state.
 */
/** Runs before the plugin: leaves it no way to files, processes, modules or the debug library. */
export const LUA_SANDBOX_SOURCE = 'dofile, loadfile, require, io, os, package, debug = nil, nil, nil, nil, nil, nil, nil';

export const LUA_DRIVER_SOURCE = String.raw`
local plugin, fault_injection = ...
local yield, pack, unpack = coroutine.yield, table.pack, table.unpack

local function request(kind, depth, name, args)
  local ok, value = yield(kind, name, depth, args)
  if ok then return value end
  error(value, 0)
end

local function host_client(depth)
  local host = {}
  function host.call(name, ...) return request('host', depth, name, pack(...)) end
  function host.log(level, message) host.call('log', level, message) end
  function host.getConfig(key)
    local value = host.call('getConfig', key)
    if type(value) == 'string' then return value end
    return nil
  end
  return host
end

local faults = {
  ['fault:hang'] = function() while true do end end,
  ['fault:stall'] = function() yield('stall') end,
  ['fault:throw'] = function(_, message) error(type(message) == 'string' and message or 'fault injected by request', 0) end,
  ['fault:sleep'] = function(depth, ms) request('sleep', depth, 'sleep', pack(tonumber(ms) or 0)); return 'slept' end,
  ['fault:memory'] = function()
    local hoard = {}
    while true do hoard[#hoard + 1] = string.rep('x', 1 << 20) .. #hoard end
  end,
  ['fault:crash'] = function() error({ code = 'PLUGIN_ERROR', message = 'this container cannot crash on request' }, 0) end,
  ['fault:garbage'] = function() error({ code = 'PLUGIN_ERROR', message = 'this container has no channel to corrupt' }, 0) end,
}

-- One host table per depth, made on first use: a call does not build its own.
local clients = {}

return function(method, depth, ...)
  local fault = fault_injection and faults[method]
  if fault then return fault(depth, ...) end
  local fn = plugin[method]
  if type(fn) ~= 'function' then
    error({ code = 'METHOD_NOT_FOUND', message = 'plugin has no method "' .. tostring(method) .. '"' }, 0)
  end
  local host = clients[depth]
  if host == nil then
    host = host_client(depth)
    clients[depth] = host
  end
  if select('#', ...) == 1 then return fn((...), host) end
  local args = pack(...)
  args[args.n + 1] = host
  return fn(unpack(args, 1, args.n + 1))
end
`;
