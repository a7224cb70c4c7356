// Cold start of plugin processes against their bare runtime, alternating in one run
// (docs/decisions/cold-starts.md). Each variant is one whole process: spawned, run to
// its first answer, then ended through its lifeline (stdin closed). Two figures:
// wall time from spawn to the first answer (the bare runtime: to its exit), and the
// process's CPU time over its whole life (the host's cutime+cstime after it is reaped),
// which a loaded machine does not inflate the way it inflates wall time.
// Usage: node scripts/measure-cold-starts.mjs [rounds]   (after npm run build)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 20);
const dist = (...parts) => path.join(root, 'dist', 'transports', ...parts);
const py = (file) => path.join(root, 'sample-plugins', 'python', file);
const env = (plugin) => ({ ...process.env, PLUGBENCH_PLUGIN_MAGIC_COOKIE: 'f3b1c2d4e5a6-plugbench-revert-plugin', PLUGBENCH_PLUGIN_PATH: plugin, PLUGBENCH_FAULT_INJECTION: '0', PYTHONDONTWRITEBYTECODE: '1' });
const JS_PLUGIN = path.join(root, 'dist', 'sample-plugins', 'typescript', 'revert-plugin.js');
const PY_PLUGIN = py('revert_plugin.py');
const node = process.execPath;

// The V8 startup snapshot lever's ceiling: a user snapshot that holds nothing, started
// in place of Node's built-in one. (A runner cannot live in a Node 20 snapshot as it
// is: its main cannot call import(), which loads the plugin; see cold-starts.md.)
const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'plugbench-snapshot-'));
process.on('exit', () => rmSync(snapshotDir, { recursive: true, force: true }));
const snapshotBlob = path.join(snapshotDir, 'empty.blob');
writeFileSync(path.join(snapshotDir, 'empty.cjs'), "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});\n");
const built = spawnSync(node, ['--snapshot-blob', snapshotBlob, '--build-snapshot', path.join(snapshotDir, 'empty.cjs')], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('node --build-snapshot failed');

/** name, command line, how its first answer is recognised, plugin it loads. */
const VARIANTS = [
  ['node -e 0', [node, '-e', '0'], 'exit'],
  ['node --snapshot-blob (an empty user snapshot)', [node, '--snapshot-blob', snapshotBlob], 'exit'],
  ['stdio-rpc runner, unbundled', [node, dist('stdio-rpc', 'plugin-main.js')], 'jsonrpc', JS_PLUGIN],
  ['stdio-rpc runner, bundled', [node, dist('stdio-rpc', 'plugin-main.bundle.mjs')], 'jsonrpc', JS_PLUGIN],
  ['tcp-rpc runner, unbundled (to its handshake)', [node, dist('tcp-rpc', 'plugin-main.js')], 'line', JS_PLUGIN],
  ['tcp-rpc runner, bundled (to its handshake)', [node, dist('tcp-rpc', 'plugin-main.bundle.mjs')], 'line', JS_PLUGIN],
  ['python3 -c 0 (PATH)', ['python3', '-c', '0'], 'exit'],
  ['stdio-rpc-python runner (PATH python3)', ['python3', '-u', py('stdio_jsonrpc_plugin.py')], 'jsonrpc', PY_PLUGIN],
  ['/usr/bin/python3 -c 0', ['/usr/bin/python3', '-c', '0'], 'exit'],
  ['stdio-rpc-python runner (/usr/bin/python3)', ['/usr/bin/python3', '-u', py('stdio_jsonrpc_plugin.py')], 'jsonrpc', PY_PLUGIN],
  // What the Python runners cannot defer: the modules their first answer needs.
  ['/usr/bin/python3 -c "import json, threading, concurrent.futures"', ['/usr/bin/python3', '-c', 'import json, threading, concurrent.futures'], 'exit'],
  ['/usr/bin/python3 -c "import grpc"', ['/usr/bin/python3', '-c', 'import grpc'], 'exit'],
  ['tcp-rpc-python runner (/usr/bin/python3, to its handshake)', ['/usr/bin/python3', '-u', py('grpc_plugin.py')], 'line', PY_PLUGIN],
];

const REQUEST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'revert', params: { args: ['cold start'], depth: 1 } });
const FRAME = `Content-Length: ${Buffer.byteLength(REQUEST)}\r\n\r\n${REQUEST}`;

/** CPU time of this process's reaped children so far, in ms (clock ticks of 10 ms; averaged over rounds). */
function childrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runOnce([command, ...args], answer, plugin) {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuMs();
    const began = performance.now();
    const child = spawn(command, args, { env: env(plugin ?? ''), stdio: ['pipe', 'pipe', 'inherit'] });
    let wall;
    let seen = '';
    child.on('error', reject);
    if (answer === 'jsonrpc') child.stdin.write(FRAME);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const answered = answer === 'line' ? seen.includes('\n') : seen.includes('"result"');
      if (answered && wall === undefined) {
        wall = performance.now() - began;
        child.stdin.end();
      }
    });
    child.once('exit', (code) => {
      if (answer === 'exit') wall = performance.now() - began;
      if (wall === undefined) return reject(new Error(`${command} ${args.join(' ')} exited (${code}) before answering`));
      // The exit is reaped before 'exit' fires, so its CPU time is counted now.
      resolve({ wall, cpu: childrenCpuMs() - cpuBefore });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const results = VARIANTS.map(() => ({ wall: [], cpu: [] }));
for (let round = 0; round < rounds; round++) {
  for (const [index, [, line, answer, plugin]] of VARIANTS.entries()) {
    const { wall, cpu } = await runOnce(line, answer, plugin);
    results[index].wall.push(wall);
    results[index].cpu.push(cpu);
  }
}
const [load1] = (await import('node:os')).loadavg();
console.log(`${rounds} rounds, alternating; load average ${load1.toFixed(1)}; Node ${process.versions.node}`);
console.log('| variant | wall median | CPU mean |');
console.log('|---|---|---|');
for (const [index, [name]] of VARIANTS.entries()) {
  console.log(`| ${name} | ${median(results[index].wall).toFixed(1)} ms | ${mean(results[index].cpu).toFixed(1)} ms |`);
}
