/** Whether wasm can run here, without loading the transport: the sample module must have been built. */
import { access } from 'node:fs/promises';
import { pluginFile } from '../../src/core/descriptor-target.js';
import type { Availability } from '../../src/core/transport.js';
import { descriptor } from './descriptor.js';

export async function wasmAvailability(): Promise<Availability> {
  const file = pluginFile(descriptor);
  try {
    await access(file);
    return { available: true };
  } catch {
    return { available: false, reason: `${file} is missing: run npm run build:wasm (needs the assemblyscript dev dependency)` };
  }
}
