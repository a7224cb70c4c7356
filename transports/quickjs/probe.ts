/** Whether quickjs can run here, without loading the transport: its WebAssembly module must instantiate. */
import type { Availability } from '../../src/core/transport.js';
import { availableIfLoads } from '../engine-common/probe-availability.js';
import { DEFAULT_MEMORY_LIMIT, newBoundedModule } from './bounded-module.js';

export function quickjsAvailability(): Promise<Availability> {
  return availableIfLoads(
    () => newBoundedModule(DEFAULT_MEMORY_LIMIT),
    (message) => `quickjs-emscripten cannot load its WebAssembly module (${message}); run npm install`,
  );
}
