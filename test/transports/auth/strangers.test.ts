/**
 * Nothing a stranger can call: for each network target, a client written here
 * (grpc-js, a ZeroMQ DEALER, pyzmq / Python grpcio where installed, a NATS client) that knows
 * the plugin's port but not the host's secret is refused, cannot make the plugin
 * exit, and the host goes on calling. The TCP token channels, whose listener
 * closes once the host is in, are driven by hand in by-hand.test.ts.
 */
import tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { Dealer, curveKeyPair } from 'zeromq';
import type { PluginHandle, Target } from '../../../src/core/transport.js';
import { generateCertificate } from '../../../transports/go-plugin/auto-mtls.js';
import { curveKeys } from '../../../transports/auth/curve-keys.js';
import { loadProtos } from '../../../transports/grpc/revert-proto.js';
import { isRunning } from '../../helpers/process.js';
import { loadAllTargets } from '../../helpers/targets.js';

const all = await loadAllTargets();
const available = (names: string[]) => all.filter(({ name, availability }) => names.includes(name) && availability.available);
const started: PluginHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
});

async function start(target: Target): Promise<{ handle: PluginHandle; host: string; port: number }> {
  const handle = await target.start();
  started.push(handle);
  const address = handle.startupSteps.find((step) => step.name === 'handshake')!.detail!.split('|')[3]!;
  const [host, port] = address.split(':');
  return { handle, host: host!, port: Number(port) };
}

/** The host still has its plugin: same process, answering. */
async function expectStillServing(handle: PluginHandle): Promise<void> {
  expect(await handle.call('revert', ['host'])).toBe('tsoh');
  expect(isRunning(handle.pid!)).toBe(true);
}

const grpcCall = (client: grpc.Client, rpc: string, request: object) =>
  new Promise<grpc.ServiceError | null>((resolve) => {
    (client as unknown as Record<string, Function>)[rpc]!.call(client, request, { deadline: Date.now() + 5_000 }, (error: grpc.ServiceError | null) => resolve(error));
  });

/** The plugin's certificate is no secret: TLS shows it to anyone who dials. */
function serverCertificate(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: 'localhost', rejectUnauthorized: false, ALPNProtocols: ['h2'] }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
    });
    socket.on('error', reject);
  });
}

describe.each(available(['tcp-rpc', 'tcp-rpc-python']))('$name: mTLS', ({ target }) => {
  it('refuses a plaintext client and a TLS client with its own certificate; Exit from either changes nothing', async () => {
    const { handle, host, port } = await start(target);
    const { Client } = loadProtos();
    const plaintext = new Client(`${host}:${port}`, grpc.credentials.createInsecure());
    const own = generateCertificate();
    const serverCert = await serverCertificate(host, port);
    const options = { 'grpc.ssl_target_name_override': 'localhost' };
    const impostor = new Client(`${host}:${port}`, grpc.credentials.createSsl(Buffer.from(serverCert), Buffer.from(own.keyPem), Buffer.from(own.certPem)), options);
    try {
      for (const client of [plaintext, impostor]) {
        expect((await grpcCall(client, 'Revert', { text: 'ab', depth: 1 }))?.code).toBe(grpc.status.UNAVAILABLE);
        expect((await grpcCall(client, 'Exit', {}))?.code).toBe(grpc.status.UNAVAILABLE);
      }
    } finally {
      plaintext.close();
      impostor.close();
    }
    await expectStillServing(handle);
  });
});

/** Resolves with the first `handshake:error:*` event the socket sees. */
async function handshakeError(dealer: Dealer): Promise<string> {
  for await (const event of dealer.events) if (event.type.startsWith('handshake:error')) return event.type;
  return 'closed without one';
}

describe.each(available(['mq', 'mq-python']))('$name: CURVE', ({ target }) => {
  it('fails the handshake of a plain DEALER and of one with the server key but its own client key; exit does nothing', async () => {
    const { handle, host, port } = await start(target);
    const client = curveKeyPair();
    const strangers = [
      new Dealer({ linger: 0, sendTimeout: 5_000 }),
      // A stranger who somehow learned the server's public key: the plugin's ZAP handler still refuses its client key.
      new Dealer({ linger: 0, sendTimeout: 5_000, curveServerKey: curveKeys(handle.secret!).serverPublic, curvePublicKey: client.publicKey, curveSecretKey: client.secretKey }),
    ];
    try {
      for (const dealer of strangers) {
        const failed = handshakeError(dealer);
        dealer.connect(`tcp://${host}:${port}`);
        await dealer.send('exit');
        expect(await failed).toMatch(/^handshake:error:/);
      }
    } finally {
      for (const dealer of strangers) dealer.close();
    }
    await expectStillServing(handle);
  });
});

describe.each(available(['nats']))('$name: the embedded nats-server', ({ target }) => {
  it('refuses a NATS client without its token, and the plugin serves on', async () => {
    const handle = await target.start();
    started.push(handle);
    const port = /127\.0\.0\.1:(\d+)/.exec(handle.startupSteps.find((step) => step.name === 'nats-server')!.detail!)![1];
    const { connect } = await import('nats');
    await expect(connect({ servers: `nats://127.0.0.1:${port}`, reconnect: false, timeout: 5_000 })).rejects.toThrow(/authorization/i);
    await expectStillServing(handle);
  });
});

const python = '/usr/bin/python3';
const PYTHON_STRANGER = `
import sys, json
protocol, address = sys.argv[1], sys.argv[2]
if protocol == "grpc":
    import grpc
    channel = grpc.insecure_channel(address)
    exit_rpc = channel.unary_unary("/plugbench.revert.v1.RevertPlugin/Exit", request_serializer=lambda m: b"", response_deserializer=lambda b: b)
    try:
        exit_rpc(None, timeout=5)
        print("answered")
    except grpc.RpcError as error:
        print("refused " + str(error.code()))
else:
    import zmq
    dealer = zmq.Context().socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.setsockopt(zmq.RCVTIMEO, 3000)
    dealer.connect("tcp://" + address)
    dealer.send(b"call-text 1 1 revert\\nab")
    dealer.send(b"exit")
    try:
        dealer.recv()
        print("answered")
    except zmq.Again:
        print("refused: no answer")
`;
const pythonHas = async (module: string) => (await execa(python, ['-c', `import ${module}`], { reject: false })).exitCode === 0;

describe.each(available(['tcp-rpc-python', 'mq-python', 'tcp-rpc', 'mq']))('$name: a Python stranger', ({ target, name }) => {
  const protocol = name.startsWith('mq') ? 'zmq' : 'grpc';
  it('is refused, and the plugin serves on', async (context) => {
    if (!(await pythonHas(protocol === 'zmq' ? 'zmq' : 'grpc'))) return context.skip();
    const { handle, host, port } = await start(target);
    const { stdout } = await execa(python, ['-c', PYTHON_STRANGER, protocol, `${host}:${port}`], { timeout: 30_000 });
    expect(stdout.trim()).toMatch(/^refused/);
    await expectStillServing(handle);
  });
});

it('derives the same CURVE keys from a secret in Node and in the Python plugin', async (context) => {
  if (!(await pythonHas('zmq'))) return context.skip();
  const secret = 'a5'.repeat(32);
  const script = 'import sys; sys.path.insert(0, sys.argv[2]); import plugbench_auth as a; s, c = a.curve_keys(sys.argv[1]); print(s.decode(), c.decode())';
  const { stdout } = await execa(python, ['-c', script, secret, new URL('../../../sample-plugins/python', import.meta.url).pathname]);
  const keys = curveKeys(secret);
  expect(stdout.trim()).toBe(`${keys.serverSecret} ${keys.clientPublic}`);
});
