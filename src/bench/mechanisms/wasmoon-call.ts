/**
 * wasmoon-call: the Lua plugin chunk loaded into a wasmoon Lua 5.4 state; each
 * call pushes its revert and the text and runs lua_pcall through wasmoon's own
 * bindings of the Lua C API (the lowest-level call wasmoon offers; its JavaScript
 * proxies of Lua functions go through the same pcall with conversions on top).
 */
import { readFile } from 'node:fs/promises';
import type { StartPeer } from './peer.js';

const LUA_REGISTRYINDEX = -1_000_000 - 1000;
const LUA_OK = 0;

export const start: StartPeer = async ({ pluginFile }) => {
  const { LuaFactory } = await import('wasmoon');
  const engine = await new LuaFactory().createEngine({ openStandardLibs: true, injectObjects: false, enableProxy: false });
  const { lua, address: L } = engine.global;
  const code = await readFile(pluginFile, 'utf8');
  const fail = (what: string) => {
    const message = lua.lua_tolstring(L, -1, null);
    lua.lua_settop(L, 0);
    return new Error(`wasmoon-call: ${what}: ${message}`);
  };
  if (lua.luaL_loadbufferx(L, code, Buffer.byteLength(code), `@${pluginFile}`, 't') !== LUA_OK || lua.lua_pcallk(L, 0, 1, 0, 0, null) !== LUA_OK) {
    const error = fail('the plugin chunk does not load');
    engine.global.close();
    throw error;
  }
  lua.lua_getfield(L, -1, 'revert');
  const revert = BigInt(lua.luaL_ref(L, LUA_REGISTRYINDEX));
  lua.lua_settop(L, 0);
  return {
    call: async (text) => {
      lua.lua_rawgeti(L, LUA_REGISTRYINDEX, revert);
      lua.lua_pushstring(L, text);
      if (lua.lua_pcallk(L, 1, 1, 0, 0, null) !== LUA_OK) throw fail('revert failed');
      const answer = lua.lua_tolstring(L, -1, null);
      lua.lua_settop(L, 0);
      return answer;
    },
    stop: async () => engine.global.close(),
  };
};
