/**
 * A gRPC plugin (the Node runner of tcp-rpc or the Python grpc_plugin.py) started
 * by hand, without plugbench's host, and raw @grpc/grpc-js clients built from the
 * .proto files alone: a foreign peer, to test what the plugin itself does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { builtPath, packagePath, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { hostCredentials, makeTlsPair, TLS_CHANNEL_OPTIONS, type TlsPair } from '../../transports/auth/grpc-tls.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../transports/process/magic-cookie.js';
import { findPython } from '../../transports/python/find-python.js';

export type GrpcPluginKind = 'node' | 'python';

export interface GrpcPeer {
  address: string;
  /** The start's mTLS certificates: a foreign host must present the client one (PEM files for Python). */
  tls: TlsPair;
  pid: number;
  /** A new client on its own HTTP/2 connection (a separate channel). */
  client(): RawClient;
  health(): RawClient;
  stop(): Promise<void>;
}

export type RawClient = grpc.Client & Record<string, any>;

/** The interpreter with python3-grpcio, or undefined (the Python cases skip). */
export async function grpcPython(): Promise<string | undefined> {
  const choice = await findPython({ modules: ['grpc', 'google.protobuf'], installHint: '' });
  return choice.available ? choice.python : undefined;
}

const OPTIONS = { keepCase: true, longs: Number, enums: String, defaults: true };
const revertPackage = grpc.loadPackageDefinition(protoLoader.loadSync(packagePath('sample-plugins', 'proto', 'revert.proto'), OPTIONS)) as any;
const healthPackage = grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, OPTIONS)) as any;
// Each client on its own HTTP/2 connection (grpc-js shares one between clients of the same address by default).
const NO_LIMIT = { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1, 'grpc.use_local_subchannel_pool': 1 };

function command(kind: GrpcPluginKind, python: string | undefined, pluginPath: string | undefined): [string, string[], string] {
  if (kind === 'node') return [process.execPath, [builtPath('transports', 'tcp-rpc', 'plugin-main.js')], pluginPath ?? sampleJsPlugin()];
  if (!python) throw new Error('no Python with grpcio');
  return [python, ['-u', packagePath('sample-plugins', 'python', 'grpc_plugin.py')], pluginPath ?? packagePath('sample-plugins', 'python', 'revert_plugin.py')];
}

/** Starts the plugin by hand (cookie, mTLS certificates, plugin path, fault injection on) and reads its handshake line. */
export async function startGrpcPeer(kind: GrpcPluginKind, options: { pluginPath?: string; python?: string } = {}): Promise<GrpcPeer> {
  const [file, args, pluginPath] = command(kind, options.python, options.pluginPath);
  const tls = makeTlsPair();
  const child = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...tls.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGBENCH_PLUGIN_PATH: pluginPath, PLUGBENCH_FAULT_INJECTION: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const clients: grpc.Client[] = [];
  const stop = () => stopChild(child, clients);
  try {
    const address = await handshakeAddress(child);
    const open = (Ctor: grpc.ServiceClientConstructor) => {
      const client = new Ctor(address, hostCredentials(tls.secret), { ...NO_LIMIT, ...TLS_CHANNEL_OPTIONS }) as RawClient;
      clients.push(client);
      return client;
    };
    return {
      address,
      tls: tls.secret,
      pid: child.pid!,
      client: () => open(revertPackage.plugbench.revert.v1.RevertPlugin),
      health: () => open(healthPackage.grpc.health.v1.Health),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function handshakeAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line.split('|')[3]!));
    child.once('exit', (code) => reject(new Error(`plugin exited with ${code} before its handshake`)));
  });
}

async function stopChild(child: ChildProcess, clients: grpc.Client[]): Promise<void> {
  for (const client of clients) client.close();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** One unary call; resolves with `{error}` or `{reply}` so a test can look at either. */
export function unaryCall(client: RawClient, rpc: string, request: unknown, timeoutMs = 20_000): Promise<{ error?: grpc.ServiceError; reply?: any }> {
  return new Promise((resolve) => {
    client[rpc](request, { deadline: Date.now() + timeoutMs }, (error: grpc.ServiceError | null, reply: unknown) => resolve(error ? { error } : { reply }));
  });
}

/** The typed error in the `plugbench-error-bin` trailer, if there is one. */
export function trailerError(error: grpc.ServiceError | undefined): { code: string; message: string; data?: unknown } | undefined {
  const [value] = error?.metadata?.get('plugbench-error-bin') ?? [];
  return value === undefined ? undefined : JSON.parse(Buffer.isBuffer(value) ? value.toString('utf8') : value);
}
