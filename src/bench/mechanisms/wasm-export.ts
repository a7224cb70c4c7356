/**
 * wasm-export: the AssemblyScript plugin instantiated with the WebAssembly API;
 * each call copies the text into its linear memory as UTF-16, runs the revert
 * export, and copies the answer out: the copy any host of this plugin makes.
 */
import { readFile } from 'node:fs/promises';
import { webAssembly, type WasmMemory } from '../../../transports/wasm/webassembly-api.js';
import type { StartPeer } from './peer.js';

interface RevertExports {
  memory: WasmMemory;
  ioBuffer(units: number): number;
  revert(units: number): number;
}

export const start: StartPeer = async ({ pluginFile }) => {
  const imports = {
    env: {
      abort: () => {
        throw new Error('wasm-export: the plugin aborted');
      },
    },
    host: { call: () => {} },
  };
  const module = await webAssembly.compile(await readFile(pluginFile));
  const plugin = (await webAssembly.instantiate(module, imports)).exports as unknown as RevertExports;
  return {
    call: async (text) => {
      const pointer = plugin.ioBuffer(text.length);
      Buffer.from(plugin.memory.buffer, pointer, text.length * 2).write(text, 'utf16le');
      const units = plugin.revert(text.length);
      if (units < 0) throw new Error(`wasm-export: revert failed with status ${units}`);
      return Buffer.from(plugin.memory.buffer, plugin.ioBuffer(0), units * 2).toString('utf16le');
    },
    stop: async () => {},
  };
};
