#!/usr/bin/env node
/**
 * What plugbench's Python plugin runtime costs per call over a bare Python
 * server, both called by the same raw client (no plugbench host code): the bare
 * server is the `-python` mechanisms' program (src/bench/mechanisms/python-server.ts:
 * the sample plugin's revert behind a standard-library JSON-RPC loop, or a pyzmq
 * ROUTER on raw text frames), the runtime is a plugin folder's runner
 * (stdio_jsonrpc_plugin.py or revert_mq.py). Rounds of sequential calls alternate
 * between the two; the median and middle half of the per-round ratios are printed.
 * Pass a second folder (e.g. an older copy of sample-plugins/python) to compare
 * two runtimes instead of the runtime and the bare server. `--client vscode-jsonrpc`
 * (stdio only) calls through a vscode-jsonrpc connection, which writes each
 * request's header and body in two writes as plugbench's host does; the raw
 * client writes a frame in one. The ZeroMQ runner
 * serves only CURVE clients with its secret (docs/decisions/authenticated-channels.md),
 * and so does the bare ROUTER (its keys from bareCurve, as bare:zeromq-python's):
 * the mq ratio is the runtime's, not CURVE's. Build first.
 *
 *   node scripts/measure-python-runtime.mjs stdio|mq [--python /usr/bin/python3] [--base DIR] [--head DIR] [--rounds N] [--client raw|vscode-jsonrpc]
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { Dealer } from 'zeromq';
import { curveKeys } from '../dist/transports/auth/curve-keys.js';
import { makeSecretEnv } from '../dist/transports/auth/plugin-secret.js';
import { bareCurve } from '../dist/src/bench/mechanisms/curve-peer.js';
import { scriptArgs } from './script-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values, positionals, fail } = scriptArgs({
  usage: 'usage: node scripts/measure-python-runtime.mjs stdio|mq [--python PY] [--base DIR|bare] [--head DIR] [--rounds N] [--client raw|vscode-jsonrpc (stdio)]',
  counts: { rounds: 1 },
  allowPositionals: true,
  options: { python: { type: 'string', default: '/usr/bin/python3' }, base: { type: 'string', default: 'bare' }, head: { type: 'string', default: path.join(root, 'sample-plugins/python') }, rounds: { type: 'string', default: '30' }, client: { type: 'string', default: 'raw' } },
});
const mode = positionals[0];
if ((mode !== 'stdio' && mode !== 'mq') || positionals.length > 1) fail(`give one mode, stdio or mq, got "${positionals.join(' ')}"`);
if (!['raw', 'vscode-jsonrpc'].includes(values.client)) fail(`--client must be raw or vscode-jsonrpc, got "${values.client}"`);
if (mode === 'mq' && values.client !== 'raw') fail('--client vscode-jsonrpc is for stdio only');
const TEXT = 'live on time, emit no evil';
const COOKIE = { PLUGBENCH_PLUGIN_MAGIC_COOKIE: 'f3b1c2d4e5a6-plugbench-revert-plugin' };
const work = await mkdtemp(path.join(os.tmpdir(), 'plugbench-python-runtime-'));
const bareSource = /const SOURCE = String\.raw`([\s\S]*?)`;/.exec(await readFile(path.join(root, 'src/bench/mechanisms/python-server.ts'), 'utf8'))[1];
await writeFile(path.join(work, 'bare.py'), bareSource);

function firstLine(child) {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end === -1) return;
      child.stdout.off('data', onData);
      resolve(text.slice(0, end));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`python exited with ${code}`)));
  });
}

/** One peer: the bare server (`dir` = 'bare') or a runtime folder's runner, and a raw client for it. */
async function start(dir) {
  const bare = dir === 'bare';
  const script = mode === 'mq' ? 'revert_mq.py' : 'stdio_jsonrpc_plugin.py';
  const plugin = path.join(root, 'sample-plugins/python/revert_plugin.py');
  const argv = bare ? [path.join(work, 'bare.py'), mode === 'mq' ? 'zeromq' : 'jsonrpc-pipe', plugin] : ['-u', path.join(dir, script)];
  const { secret, env } = makeSecretEnv();
  const forBare = bareCurve();
  const child = spawn(values.python, argv, { env: { ...process.env, ...COOKIE, ...env, ...forBare.env, PLUGBENCH_PLUGIN_PATH: plugin }, stdio: ['pipe', 'pipe', 'inherit'] });
  const stop = () => child.kill('SIGKILL');
  if (mode === 'mq') {
    const line = await firstLine(child);
    const keys = bare ? forBare.keys : curveKeys(secret);
    const curve = { curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret };
    const dealer = new Dealer({ linger: 0, ...curve });
    dealer.connect(bare ? JSON.parse(line).endpoint : `tcp://${line.split('|')[3]}`);
    let id = 0;
    const frame = () => (bare ? TEXT : `call-text ${++id} 1 revert\n${TEXT}`);
    return { call: async () => (await dealer.send(frame()), dealer.receive()), stop: () => (dealer.close(), stop()) };
  }
  if (!bare) await firstLine(child);
  if (values.client === 'raw') return { call: jsonRpcClient(child, bare), stop };
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  // As the bare jsonrpc-pipe client sends it: one string param goes out as params [text].
  const params = bare ? TEXT : { args: [TEXT], depth: 1 };
  return { call: () => connection.sendRequest('revert', params), stop: () => (connection.dispose(), stop()) };
}

/** A Content-Length JSON-RPC client over the child's pipes, one call at a time. */
function jsonRpcClient(child, bare) {
  let id = 0;
  let buffered = Buffer.alloc(0);
  let waiter;
  child.stdout.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    const head = buffered.indexOf('\r\n\r\n');
    if (head === -1) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, head).toString())[1]);
    if (buffered.length < head + 4 + length) return;
    buffered = buffered.subarray(head + 4 + length);
    waiter();
  });
  return () =>
    new Promise((resolve) => {
      waiter = resolve;
      const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'revert', params: bare ? [TEXT] : { args: [TEXT], depth: 1 } });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
}

async function roundMedian(peer, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const began = performance.now();
    await peer.call();
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b)[calls >> 1];
}

const peers = [await start(values.base), await start(values.head)];
try {
  for (const peer of peers) for (let i = 0; i < 2000; i++) await peer.call();
  const ratios = [];
  const medians = [[], []];
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = round % 2 ? [1, 0] : [0, 1];
    const pair = [];
    for (const which of order) pair[which] = await roundMedian(peers[which], 300);
    medians[0].push(pair[0]);
    medians[1].push(pair[1]);
    ratios.push(pair[1] / pair[0]);
  }
  const sorted = (values) => [...values].sort((a, b) => a - b);
  const mid = (values) => sorted(values)[values.length >> 1];
  const quarter = (values, q) => sorted(values)[Math.floor((values.length - 1) * q)];
  const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`${mode}: base ${values.base === 'bare' ? 'bare server' : values.base} ${us(mid(medians[0]))}, head ${values.head} ${us(mid(medians[1]))}`);
  console.log(`head / base: ${mid(ratios).toFixed(3)} (middle half ${quarter(ratios, 0.25).toFixed(3)}-${quarter(ratios, 0.75).toFixed(3)}; ${ratios.length} alternating rounds of 300 calls, ${values.client} client; load ${os.loadavg()[0].toFixed(1)})`);
} finally {
  for (const peer of peers) peer.stop();
  await rm(work, { recursive: true, force: true });
}
process.exit(0);
