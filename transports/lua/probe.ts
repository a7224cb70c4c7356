/** Whether lua can run here, without loading the transport: wasmoon's Lua VM must instantiate. */
import type { Availability } from '../../src/core/transport.js';
import { availableIfLoads } from '../engine-common/probe-availability.js';

export function luaAvailability(): Promise<Availability> {
  return availableIfLoads(
    async () => new (await import('wasmoon')).LuaFactory().getLuaModule(),
    (message) => `wasmoon cannot load its WebAssembly Lua VM (${message}); run npm install`,
  );
}
