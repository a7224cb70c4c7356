// What authenticating a channel costs (docs/decisions/authenticated-channels.md):
// the same echo over the same library, plain and authenticated, in one process,
// in alternating rounds (the order rotates), so the machine's load of the moment
// falls on both alike. Per call: grpc-js plaintext vs mTLS, zeromq NULL vs CURVE
// (with the ZAP handler). Per start: making the certificates or CURVE keys and
// connecting. The token preamble is one 81-byte write at connect and nothing per call.
// Run: npm run build && node scripts/measure-auth-cost.mjs [--rounds N] [--calls N]
import * as grpc from '@grpc/grpc-js';
import { Dealer, Router } from 'zeromq';
import { curveKeys } from '../dist/transports/auth/curve-keys.js';
import { hostCredentials, makeTlsPair, TLS_CHANNEL_OPTIONS } from '../dist/transports/auth/grpc-tls.js';
import { newSecret } from '../dist/transports/auth/plugin-secret.js';
import { admitOnlyClient } from '../dist/transports/auth/zap-handler.js';
import { loadProtos } from '../dist/transports/grpc/revert-proto.js';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROUNDS = option('--rounds', 21);
const CALLS = option('--calls', 200);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timeMs = async (work) => {
  const began = performance.now();
  await work();
  return performance.now() - began;
};

async function grpcPair(pair) {
  const { Client, service } = loadProtos();
  const server = new grpc.Server();
  server.addService(service, { Revert: (call, done) => done(null, { text: [...call.request.text].reverse().join('') }) });
  const credentials = pair ? grpc.ServerCredentials.createSsl(Buffer.from(pair.client.certPem), [{ private_key: Buffer.from(pair.server.keyPem), cert_chain: Buffer.from(pair.server.certPem) }], true) : grpc.ServerCredentials.createInsecure();
  const port = await new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  const connect = async () => {
    const client = pair ? new Client(`127.0.0.1:${port}`, hostCredentials(pair), TLS_CHANNEL_OPTIONS) : new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    await new Promise((resolve, reject) => client.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve())));
    return client;
  };
  const client = await connect();
  const call = () => new Promise((resolve, reject) => client.Revert({ text: 'ab', depth: 1 }, (error, reply) => (error ? reject(error) : resolve(reply))));
  return { call, connect, close: () => (client.close(), server.forceShutdown()) };
}

async function zmqPair(secret) {
  const keys = secret ? curveKeys(secret) : undefined;
  const zap = keys ? await admitOnlyClient(keys.clientPublic, () => {}) : undefined;
  const router = new Router({ linger: 0, ...(keys ? { curveServer: true, curveSecretKey: keys.serverSecret } : {}) });
  await router.bind('tcp://127.0.0.1:0');
  void (async () => {
    for await (const [identity, frame] of router) await router.send([identity, frame]);
  })().catch(() => {});
  const connect = async () => {
    const dealer = new Dealer({ linger: 0, ...(keys ? { curveServerKey: keys.serverPublic, curvePublicKey: keys.clientPublic, curveSecretKey: keys.clientSecret } : {}) });
    dealer.connect(router.lastEndpoint);
    await dealer.send('ping 0');
    await dealer.receive();
    return dealer;
  };
  const dealer = await connect();
  const call = async () => {
    await dealer.send('call-text 1 1 revert\nab');
    await dealer.receive();
  };
  return { call, connect, close: () => (dealer.close(), router.close(), zap?.close()) };
}

async function perCall(label, plain, authenticated) {
  const samples = { plain: [], authenticated: [] };
  const subjects = [['plain', plain], ['authenticated', authenticated]];
  for (const [, subject] of subjects) for (let i = 0; i < CALLS; i++) await subject.call(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, subject] of round % 2 ? [...subjects].reverse() : subjects) {
      samples[name].push((await timeMs(async () => { for (let i = 0; i < CALLS; i++) await subject.call(); })) / CALLS);
    }
  }
  const connects = { plain: [], authenticated: [] };
  for (let i = 0; i < 11; i++) {
    for (const [name, subject] of subjects) {
      let opened;
      connects[name].push(await timeMs(async () => (opened = await subject.connect())));
      opened.close();
    }
  }
  const [p, a] = [median(samples.plain) * 1000, median(samples.authenticated) * 1000];
  console.log(`| ${label} | ${p.toFixed(1)} | ${a.toFixed(1)} | ${(a - p).toFixed(1)} | ${(a / p).toFixed(2)} | ${median(connects.plain).toFixed(2)} | ${median(connects.authenticated).toFixed(2)} |`);
}

const made = { tls: [], curve: [] };
for (let i = 0; i < 21; i++) {
  made.tls.push(await timeMs(() => makeTlsPair()));
  made.curve.push(await timeMs(() => curveKeys(newSecret())));
}
console.log(`rounds ${ROUNDS} x ${CALLS} calls per subject; medians\n`);
console.log('| channel | plain µs/call | authenticated µs/call | added µs/call | ratio | plain connect ms | authenticated connect ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const tls = makeTlsPair().secret;
const [grpcPlain, grpcTls] = [await grpcPair(), await grpcPair(tls)];
await perCall('gRPC (grpc-js): plaintext vs mTLS', grpcPlain, grpcTls);
const [zmqPlain, zmqCurve] = [await zmqPair(), await zmqPair(newSecret())];
await perCall('ZeroMQ: NULL vs CURVE + ZAP', zmqPlain, zmqCurve);
for (const pair of [grpcPlain, grpcTls, zmqPlain, zmqCurve]) pair.close();
console.log(`\nper start: two certificates (makeTlsPair) ${median(made.tls).toFixed(2)} ms; CURVE keys from a secret ${median(made.curve).toFixed(3)} ms`);
process.exit(0);
