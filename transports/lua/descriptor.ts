/** The lua target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
export const descriptor = defineTarget({
  name: 'lua',
  family: 'embedded',
  channel: 'function',
  description: 'Plugin written in Lua, run by Lua 5.4 compiled to WebAssembly (wasmoon), a coroutine per call',
  capabilities: {
    hang: 'interrupted',
    crashIsolated: true,
    callbacks: true,
    connectable: false,
    garbage: 'refused',
    protections: ['separate-heap', 'memory-limit', 'instruction-hook-deadline', 'no-io-os-package-debug'],
  },
  plugin: { language: 'lua', sampleFile: 'sample-plugins/lua/revert.lua', accepts: ['lua'] },
  effort: { files: ['lua/revert.lua'], buildSteps: [] },
  mechanism: 'wasmoon-call',
  availability: async () => (await import('./probe.js')).luaAvailability(),
  load: () => import('./index.js'),
});
