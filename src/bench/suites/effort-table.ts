/**
 * What a plugin author writes for each target (paths under sample-plugins/),
 * the runtime files the target needs beside it (plugbench's small SDK for that
 * language, counted apart), the schema it needs, and the build steps when the
 * file kinds do not say it. A target missing here is counted from the folder
 * its plugin runs from. Entries for targets that are not registered are unused.
 */
export interface EffortSpec {
  /** Files the plugin author writes. */
  files: string[];
  /** Runtime files shipped beside the plugin (protocol runner, SDK): someone wrote them once. */
  support?: string[];
  /** Schema files the plugin and host must share (.proto, ...). */
  schema?: string[];
  /** Defaults to one step per compiled file kind (tsc for .ts, ...). */
  buildSteps?: string[];
  guessed?: boolean;
}

const TYPESCRIPT: EffortSpec = { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] };
const PROTO = ['proto/revert.proto'];
const PYTHON_PLUGIN = ['python/revert_plugin.py'];

export const EFFORT_BY_TARGET: Readonly<Record<string, EffortSpec>> = {
  'in-process': { ...TYPESCRIPT, buildSteps: ['tsc, compiled into the host'] },
  'dynamic-import': TYPESCRIPT,
  worker: TYPESCRIPT,
  'stdio-rpc': TYPESCRIPT,
  'tcp-jsonrpc': TYPESCRIPT,
  'tcp-rpc': { ...TYPESCRIPT, schema: PROTO },
  'stdio-rpc-python': { files: PYTHON_PLUGIN, support: ['python/plugbench_plugin.py', 'python/stdio_jsonrpc_plugin.py'], buildSteps: [] },
  'mq-python': { files: PYTHON_PLUGIN, support: ['python/plugbench_plugin.py', 'python/revert_mq.py'], buildSteps: [] },
  mq: TYPESCRIPT,
  vm: { files: ['js-script/revert.js'], buildSteps: [] },
  quickjs: { files: ['js-script/revert.js'], buildSteps: [] },
  lua: { files: ['lua/revert.lua'], buildSteps: [] },
  wasm: { files: ['assemblyscript/revert.ts'], buildSteps: ['asc (AssemblyScript to .wasm)'] },
  native: { files: ['c/revert.c', 'c/binding.gyp'], buildSteps: ['node-gyp rebuild (C compiler)'] },
  'tcp-rpc-python': {
    files: PYTHON_PLUGIN,
    support: ['python/plugbench_plugin.py', 'python/grpc_plugin.py', 'python/proto_wire.py'],
    schema: PROTO,
    buildSteps: [],
  },
};
