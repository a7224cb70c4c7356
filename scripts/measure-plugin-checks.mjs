// What the plugin side's checks of a peer's messages cost (docs/plugin-protocol.md,
// "What a peer may and may not do"): a bare client (vscode-jsonrpc over the pipe,
// a zeromq DEALER) calls `revert` on the Node plugin runner of another checkout
// (before the checks) and of this one, in alternating rounds of sequential calls;
// prints the median µs per call of each and their ratio.
// Run: npm run build && node scripts/measure-plugin-checks.mjs <other checkout, built>
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { Dealer } from 'zeromq';
const ROUNDS = 21, CALLS = 300;
const base = process.argv[2];
if (!base) {
  console.error('usage: node scripts/measure-plugin-checks.mjs <other checkout, built (its dist/ is used)>');
  process.exit(2);
}
const here = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const env = (root) => ({ ...process.env, PLUGBENCH_PLUGIN_MAGIC_COOKIE: 'f3b1c2d4e5a6-plugbench-revert-plugin', PLUGBENCH_PLUGIN_PATH: `${root}/dist/sample-plugins/typescript/revert-plugin.js`, PLUGBENCH_FAULT_INJECTION: '0' });
async function start(root, entry) {
  const child = spawn(process.execPath, [`${root}/dist/transports/${entry}`], { env: env(root), stdio: 'pipe' });
  const line = await new Promise((resolve) => { let b = ''; const on = (c) => { b += c; const i = b.indexOf('\n'); if (i >= 0) { child.stdout.off('data', on); if (b.length > i + 1) child.stdout.unshift(Buffer.from(b.slice(i + 1))); resolve(b.slice(0, i)); } }; child.stdout.on('data', on); });
  return { child, line };
}
async function jsonrpc(root) {
  const { child } = await start(root, 'stdio-rpc/plugin-main.js');
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)); rpc.listen();
  return { call: () => rpc.sendRequest('revert', { args: ['Live on time, emit no evil'], depth: 1 }), close: () => child.kill() };
}
async function mq(root) {
  const { child, line } = await start(root, 'mq/plugin-entry.js');
  const d = new Dealer({ linger: 0 }); d.connect(`tcp://${line.split('|')[3]}`); let id = 0;
  return { call: async () => { await d.send(JSON.stringify({ type: 'call', id: ++id, method: 'revert', args: ['Live on time, emit no evil'], depth: 1 })); await d.receive(); }, close: () => { d.close(); child.kill(); } };
}
/** The checks alone, in this process: µs per typical message (body parse included, as the reader did before). */
async function checksAlone() {
  const { checkBody } = await import(`${here}/dist/transports/json-rpc/check-message.js`);
  const { checkFrame } = await import(`${here}/dist/transports/mq/check-frame.js`);
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'revert', params: { args: ['Live on time, emit no evil'], depth: 1 } }));
  const frame = Buffer.from('call-text 1 1 revert\nLive on time, emit no evil');
  const parseOnly = (bytes) => JSON.parse(bytes.toString('utf8'));
  for (const [name, check, bytes] of [['JSON.parse of the JSON-RPC body alone', parseOnly, body], ['checkBody (JSON-RPC)', checkBody, body], ['checkFrame (ZeroMQ, a call-text frame)', checkFrame, frame]]) {
    const rounds = [];
    for (let r = 0; r < 11; r++) {
      const t = performance.now();
      for (let i = 0; i < 100_000; i++) check(bytes);
      rounds.push((performance.now() - t) * 10 / 1000);
    }
    console.log(`${name}: ${median(rounds).toFixed(2)} µs per message`);
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [name, open] of [['stdio-rpc', jsonrpc], ['mq', mq]]) {
  const sides = { main: await open(base), branch: await open(here) };
  for (const s of Object.values(sides)) for (let i = 0; i < 300; i++) await s.call();
  const per = { main: [], branch: [] };
  for (let r = 0; r < ROUNDS; r++) for (const k of r % 2 ? ['main', 'branch'] : ['branch', 'main']) {
    const t = performance.now(); for (let i = 0; i < CALLS; i++) await sides[k].call(); per[k].push((performance.now() - t) * 1000 / CALLS);
  }
  console.log(name, 'median µs/call, other checkout', median(per.main).toFixed(1), 'this one', median(per.branch).toFixed(1), 'ratio', (median(per.branch) / median(per.main)).toFixed(3));
  for (const s of Object.values(sides)) s.close();
}
await checksAlone();
process.exit(0);
