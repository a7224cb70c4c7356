/**
 * Moves values between JavaScript and a Lua stack. Lua strings are byte strings:
 * text crosses as UTF-8 bytes copied into and out of the VM's WebAssembly memory
 * with an explicit length (lua_pushlstring / lua_tolstring), so U+0000 survives,
 * and bytes that are not UTF-8 are refused on the way out.
 */
import type { LuaWasm } from 'wasmoon';
import { PluginError } from '../../src/core/errors.js';

/** Lua 5.4 type tags (lua.h). */
const LUA_TNIL = 0;
const LUA_TBOOLEAN = 1;
const LUA_TNUMBER = 3;
const LUA_TSTRING = 4;
export const LUA_TTABLE = 5;
const MAX_DEPTH = 8;
/** A string this short (3 UTF-8 bytes per UTF-16 unit at most) is encoded into a buffer kept in the VM's memory. */
const SCRATCH_BYTES = 4096;

/** The raw exports of the Lua WebAssembly module this file needs. */
interface RawModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  _lua_pushlstring(L: number, pointer: number, length: number): number;
  _lua_tolstring(L: number, index: number, lengthOut: number): number;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
}

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is the plugin's character, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class LuaValues {
  readonly #raw: RawModule;
  readonly #lengthOut: number;
  readonly #scratch: number;

  constructor(private readonly lua: LuaWasm) {
    this.#raw = lua.module as unknown as RawModule;
    this.#lengthOut = this.#raw._malloc(4);
    this.#scratch = this.#raw._malloc(SCRATCH_BYTES);
  }

  release(): void {
    this.#raw._free(this.#lengthOut);
    this.#raw._free(this.#scratch);
  }

  push(L: number, value: unknown, depth = 0): void {
    if (value === null || value === undefined) this.lua.lua_pushnil(L);
    else if (typeof value === 'boolean') this.lua.lua_pushboolean(L, value ? 1 : 0);
    else if (typeof value === 'number') this.lua.lua_pushnumber(L, value);
    else if (typeof value === 'string') this.pushString(L, value);
    else if (Array.isArray(value) && depth < MAX_DEPTH) {
      this.lua.lua_createtable(L, value.length, 0);
      value.forEach((item, index) => {
        this.push(L, item, depth + 1);
        this.lua.lua_rawseti(L, -2, BigInt(index + 1));
      });
    } else if (typeof value === 'object' && depth < MAX_DEPTH) {
      const entries = Object.entries(value as Record<string, unknown>);
      this.lua.lua_createtable(L, 0, entries.length);
      for (const [key, item] of entries) {
        this.push(L, item, depth + 1);
        this.lua.lua_setfield(L, -2, key);
      }
    } else this.pushString(L, String(value));
  }

  /** Copies the UTF-8 bytes of `text` into the VM's memory and pushes them as one Lua string. */
  pushString(L: number, text: string): void {
    if (text.length * 3 <= SCRATCH_BYTES) {
      const { written } = encoder.encodeInto(text, this.#raw.HEAPU8.subarray(this.#scratch, this.#scratch + SCRATCH_BYTES));
      this.#raw._lua_pushlstring(L, this.#scratch, written);
      return;
    }
    const bytes = encoder.encode(text);
    const pointer = this.#raw._malloc(Math.max(1, bytes.length));
    try {
      this.#raw.HEAPU8.set(bytes, pointer);
      this.#raw._lua_pushlstring(L, pointer, bytes.length);
    } finally {
      this.#raw._free(pointer);
    }
  }

  read(L: number, index: number, depth = 0): unknown {
    switch (this.lua.lua_type(L, index) as number) {
      case LUA_TNIL:
        return null;
      case LUA_TBOOLEAN:
        return this.lua.lua_toboolean(L, index) !== 0;
      case LUA_TNUMBER:
        return this.lua.lua_tonumberx(L, index, null);
      case LUA_TSTRING:
        return this.readString(L, index);
      case LUA_TTABLE:
        return depth < MAX_DEPTH ? this.readTable(L, this.lua.lua_absindex(L, index), depth) : null;
      default:
        return `<${this.lua.lua_typename(L, this.lua.lua_type(L, index))}>`;
    }
  }

  /** Decodes a Lua string read straight out of the VM's memory; bytes that are not UTF-8 are a plugin error. */
  readString(L: number, index: number): string {
    const pointer = this.#raw._lua_tolstring(L, index, this.#lengthOut);
    const length = this.#raw.HEAPU32[this.#lengthOut >>> 2]!;
    try {
      return decoder.decode(this.#raw.HEAPU8.subarray(pointer, pointer + length));
    } catch (error) {
      throw new PluginError('PLUGIN_ERROR', 'lua: the plugin returned a string that is not valid UTF-8', { cause: error });
    }
  }

  /** A table as an array (keys 1..n, `n` from table.pack allowed) or as an object with string keys. */
  private readTable(L: number, table: number, depth: number): unknown {
    const entries: [string | number, unknown][] = [];
    this.lua.lua_pushnil(L);
    while (this.lua.lua_next(L, table) !== 0) {
      const keyType = this.lua.lua_type(L, -2) as number;
      const key = keyType === LUA_TNUMBER ? this.lua.lua_tonumberx(L, -2, null) : keyType === LUA_TSTRING ? this.readString(L, -2) : undefined;
      if (key !== undefined) entries.push([key, this.read(L, -1, depth + 1)]);
      this.lua.lua_settop(L, -2);
    }
    const packedLength = entries.find(([key]) => key === 'n')?.[1];
    const numeric = entries.filter(([key]) => typeof key === 'number') as [number, unknown][];
    if ((numeric.length > 0 || typeof packedLength === 'number') && numeric.length === entries.length - (packedLength === undefined ? 0 : 1)) {
      const length = typeof packedLength === 'number' ? packedLength : Math.max(...numeric.map(([key]) => key));
      const array: unknown[] = Array.from({ length }, () => null);
      for (const [key, item] of numeric) if (key >= 1 && key <= length) array[key - 1] = item;
      return array;
    }
    return Object.fromEntries(entries.map(([key, item]) => [String(key), item]));
  }
}
