// What plugbench's host adds to a call into a plugin process, against the bare
// library over the same channel: for each target, the target's own plugin
// program is also spawned the way the target spawns it (same runner, same env,
// magic cookie), and a bare client talks to it with nothing but the library
// (vscode-jsonrpc over the pipe or TCP, grpc-js with the same .proto, a zeromq
// DEALER with the same JSON frames). Rounds of sequential `revert` calls
// alternate between the bare client and plugbench, so load on the shared
// machine hits both alike; the medians of the per-round ratios are printed, of
// the wall clock and of the host process's own CPU time per call.
// Run: npm run build && node scripts/measure-process-overhead.mjs [target...] [--rounds N] [--calls N]
import { spawn } from 'node:child_process';
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { Dealer } from 'zeromq';
import { SEED_TEXT } from '../dist/src/core/contract.js';
import { builtPath, packagePath, sampleJsPlugin } from '../dist/src/core/runtime-paths.js';
import { findTarget } from '../dist/transports/catalog.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../dist/transports/process/magic-cookie.js';
import { runnerEnv } from '../dist/transports/process/runner-env.js';
import { curveKeys } from '../dist/transports/auth/curve-keys.js';
import { hostCredentials, makeTlsPair, TLS_CHANNEL_OPTIONS } from '../dist/transports/auth/grpc-tls.js';
import { makeSecretEnv } from '../dist/transports/auth/plugin-secret.js';
import { tokenPreamble } from '../dist/transports/auth/token-preamble.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args.splice(at, 2)[1]);
};
const ROUNDS = option('--rounds', 41);
const CALLS = option('--calls', 100);
const names = args.length > 0 ? args : ['stdio-rpc', 'tcp-jsonrpc', 'tcp-rpc', 'mq'];

/** A bare client per target: the runner it spawns, and how to reach it with only the library. */
const BARE = {
  'stdio-rpc': { runner: ['transports', 'stdio-rpc', 'plugin-main.js'], connect: jsonRpcOverPipe },
  'tcp-jsonrpc': { runner: ['transports', 'tcp-jsonrpc', 'plugin-main.js'], connect: jsonRpcOverTcp },
  'tcp-rpc': { runner: ['transports', 'tcp-rpc', 'plugin-main.js'], connect: grpcJs },
  mq: { runner: ['transports', 'mq', 'plugin-entry.js'], connect: zeromqDealer },
};

/** Spawns a runner like the target does and reads its handshake line; the rest of stdout is the caller's. */
async function spawnRunner(runner) {
  // The secrets the target hands its plugin (docs/decisions/authenticated-channels.md); each runner reads the one its channel needs.
  const [token, tls] = [makeSecretEnv(), makeTlsPair()];
  const env = { ...process.env, ...runnerEnv({}, sampleJsPlugin()), ...token.env, ...tls.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE };
  const child = spawn(process.execPath, [builtPath(...runner)], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      const newline = buffered.indexOf(0x0a);
      if (newline === -1) return;
      child.stdout.off('data', onData);
      child.stdout.pause();
      if (newline + 1 < buffered.length) child.stdout.unshift(buffered.subarray(newline + 1));
      resolve(buffered.subarray(0, newline).toString('utf8'));
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`${runner.join('/')} exited with ${code} before its handshake`)));
  });
  const address = line.split('|')[3];
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, address, stop, secret: token.secret, tls: tls.secret };
}

function jsonRpcClient(reader, writer) {
  const connection = createMessageConnection(reader, writer);
  connection.listen();
  return { call: (text) => connection.sendRequest('revert', { args: [text], depth: 1 }), close: () => connection.dispose() };
}

async function jsonRpcOverPipe({ child }) {
  const client = jsonRpcClient(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  child.stdout.resume();
  return client;
}

async function jsonRpcOverTcp({ address, secret }) {
  const [host, port] = address.split(':');
  const socket = net.connect({ host, port: Number(port), noDelay: true });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(tokenPreamble(secret));
  const client = jsonRpcClient(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  return { call: client.call, close: () => (client.close(), socket.destroy()) };
}

async function grpcJs({ address, tls }) {
  const options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(packagePath('sample-plugins', 'proto', 'revert.proto'), options));
  const client = new loaded.plugbench.revert.v1.RevertPlugin(address, hostCredentials(tls), TLS_CHANNEL_OPTIONS);
  await new Promise((resolve, reject) => client.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve())));
  return {
    call: (text) => new Promise((resolve, reject) => client.Revert({ text, depth: 1 }, (error, reply) => (error ? reject(error) : resolve(reply.text)))),
    close: () => client.close(),
  };
}

async function zeromqDealer({ address, secret }) {
  const keys = curveKeys(secret);
  const socket = new Dealer({ linger: 0, curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret });
  socket.connect(`tcp://${address}`);
  let id = 0;
  return {
    call: async (text) => {
      await socket.send(`call-text ${++id} 1 revert\n${text}`);
      const [frame] = await socket.receive();
      const answer = frame.toString('utf8');
      return answer.slice(answer.indexOf('\n') + 1);
    },
    close: () => socket.close(),
  };
}

/**
 * One round of `CALLS` sequential calls: wall-clock µs per call, and the host
 * process's own CPU µs per call (user + system), which load on a shared machine
 * disturbs far less than the wall clock. The plugin process is not counted.
 */
async function round(call) {
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (let i = 0; i < CALLS; i++) await call(SEED_TEXT);
  const wall = ((performance.now() - began) / CALLS) * 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / CALLS };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Alternating rounds of the two clients; round 0 warms both up, and who goes first alternates. */
async function alternate(bareCall, plugbenchCall) {
  const samples = { bare: [], plugbench: [], wallRatio: [], cpuRatio: [] };
  for (let i = 0; i <= ROUNDS; i++) {
    const bareFirst = i % 2 === 0;
    const first = await round(bareFirst ? bareCall : plugbenchCall);
    const second = await round(bareFirst ? plugbenchCall : bareCall);
    const [bare, plugbench] = bareFirst ? [first, second] : [second, first];
    if (i === 0) continue;
    samples.bare.push(bare);
    samples.plugbench.push(plugbench);
    samples.wallRatio.push(plugbench.wall / bare.wall);
    samples.cpuRatio.push(plugbench.cpu / bare.cpu);
  }
  return samples;
}

async function measure(name) {
  const bare = BARE[name];
  const runner = await spawnRunner(bare.runner);
  const plugin = await (await findTarget(name).load()).start();
  let client;
  try {
    client = await bare.connect(runner);
    const viaPlugbench = (text) => plugin.call('revert', [text]);
    if ((await client.call(SEED_TEXT)) !== (await viaPlugbench(SEED_TEXT))) throw new Error(`${name}: the two clients disagree`);
    const samples = await alternate(client.call, viaPlugbench);
    const of = (side, key) => median(samples[side].map((sample) => sample[key])).toFixed(1);
    return {
      target: name,
      'bare µs': of('bare', 'wall'),
      'plugbench µs': of('plugbench', 'wall'),
      'wall ratio': median(samples.wallRatio).toFixed(3),
      'bare host CPU µs': of('bare', 'cpu'),
      'plugbench host CPU µs': of('plugbench', 'cpu'),
      'CPU ratio': median(samples.cpuRatio).toFixed(3),
    };
  } finally {
    client?.close();
    await plugin.stop();
    await runner.stop();
  }
}

const rows = [];
for (const name of names) {
  if (!BARE[name]) throw new Error(`no bare client for "${name}"; one of ${Object.keys(BARE).join(', ')}`);
  rows.push(await measure(name));
}
console.log(`node ${process.version}, ${ROUNDS} rounds of ${CALLS} sequential revert calls per client, alternating; medians per call`);
console.table(rows);
