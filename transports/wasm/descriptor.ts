/** The wasm target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'wasm',
  family: 'embedded',
  channel: 'function',
  description: 'Plugin written in AssemblyScript, compiled to WebAssembly; strings cross through linear memory',
  capabilities: {
    hang: 'blocks-host',
    crashIsolated: true,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['linear-memory-sandbox', 'memory-limit', 'no-imports-but-host-call'],
  },
  plugin: { language: 'assemblyscript', sampleFile: 'dist/sample-plugins/assemblyscript/revert.wasm', accepts: ['wasm'] },
  effort: { files: ['assemblyscript/revert.ts'], buildSteps: ['asc (AssemblyScript to .wasm)'] },
  mechanism: 'wasm-export',
  availability: async () => (await import('./probe.js')).wasmAvailability(),
  load: () => import('./index.js'),
});
