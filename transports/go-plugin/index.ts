/**
 * go-plugin: the plugin is a Go binary built with hashicorp/go-plugin, and
 * this host speaks go-plugin's client protocol for real: the shared magic
 * cookie, PLUGIN_PROTOCOL_VERSIONS, the handshake line on a Unix socket in a
 * private 0700 folder (TMPDIR), AutoMTLS when asked, the health service under
 * "plugin" for health(), GRPCController/Shutdown to stop, and GRPCBroker for
 * callbacks. See docs/go-plugins.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { CallContext, Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import type { PluginEvent } from '../../src/core/transport.js';
import { PluginError } from '../../src/core/errors.js';
import { fromServiceError, parseJson } from '../grpc/grpc-errors.js';
import { startPluginProcess, stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { runnerEnv } from '../process/runner-env.js';
import { goPluginCommand } from '../go-common/go-build.js';
import { derToPem, generateCertificate, type Certificate } from './auto-mtls.js';
import { startHostBroker } from './host-broker.js';
import { CHANNEL_OPTIONS, goPluginEnv, grpcTarget, HEALTH_SERVICE, loadServices, parseGoPluginHandshake, type GoPluginHandshake } from './go-plugin-protocol.js';
import { hclogEvent } from './hclog.js';

export const SAMPLE_BINARY = 'go-plugin-revert';
/** The plugin protocol versions this host speaks, offered in PLUGIN_PROTOCOL_VERSIONS. */
const OFFERED_VERSIONS = [1];

export interface GoPluginOptions {
  /** go-plugin's AutoMTLS: throwaway certificates both ways. Off by default, as in go-plugin. */
  autoMTLS?: boolean;
}

type Unary = (request: unknown, callback: (error: grpc.ServiceError | null, reply: any) => void) => grpc.ClientUnaryCall;

/** One unary call; a call the runner gives up is cancelled, so the plugin's context ends too. */
function unary(client: grpc.Client, method: string, request: unknown, call?: CallContext): Promise<any> {
  return new Promise((resolve, reject) => {
    const pending = ((client as any)[method] as Unary).call(client, request, (error, reply) => (error ? reject(error) : resolve(reply)));
    call?.onGiveUp(() => pending.cancel());
  });
}

/** One certificate per host process, made on first use (go-plugin makes one per client). */
let hostCertificate: Certificate | undefined;

interface Credentials {
  channel: grpc.ChannelCredentials;
  server: grpc.ServerCredentials;
}

function credentialsFor(handshake: GoPluginHandshake, certificate: Certificate | undefined): Credentials {
  if (!certificate) return { channel: grpc.credentials.createInsecure(), server: grpc.ServerCredentials.createInsecure() };
  if (!handshake.serverCert) throw new PluginError('START_FAILED', 'AutoMTLS was asked for, but the plugin answered without a certificate in its handshake');
  const serverPem = Buffer.from(derToPem(Buffer.from(handshake.serverCert, 'base64')));
  const key = Buffer.from(certificate.keyPem);
  const cert = Buffer.from(certificate.certPem);
  // As go-plugin's host does, the brokered Host server presents the host's own certificate.
  return { channel: grpc.credentials.createSsl(serverPem, key, cert), server: grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }], false) };
}

async function connectClient(plugin: RunningPlugin, request: OpenRequest, credentials: Credentials, dir: string) {
  const handshake = parseGoPluginHandshake(plugin.handshake.line, OFFERED_VERSIONS);
  const { Reverter, GRPCController, Health } = loadServices();
  const client = new Reverter(grpcTarget(handshake), credentials.channel, CHANNEL_OPTIONS);
  const shared = { channelOverride: client.getChannel() };
  const deadline = Date.now() + stepBudgetMs(request);
  try {
    await plugin.whileAlive(new Promise<void>((resolve, reject) => client.waitForReady(deadline, (error) => (error ? reject(error) : resolve()))), 'the host connected');
  } catch (error) {
    client.close();
    throw PluginError.is(error) ? error : new PluginError('START_FAILED', `${request.host.target}: cannot connect to the plugin at ${handshake.address}: ${(error as Error).message}`);
  }
  const broker = await startHostBroker(client, dir, request.host, credentials.server);
  return { handshake, client, broker, controller: new GRPCController('unused', credentials.channel, shared), health: new Health('unused', credentials.channel, shared) };
}

/**
 * Go's protobuf (golang/protobuf 1.3, proto3) refuses a string field that is not
 * valid UTF-8 before the plugin's code runs, with status INTERNAL: that is the
 * plugin refusing its input.
 */
function refusedText(error: unknown): PluginError | undefined {
  const status = error as Partial<grpc.ServiceError>;
  if (status.code !== grpc.status.INTERNAL || !/error unmarshalling request: .*invalid UTF-8/.test(status.details ?? '')) return undefined;
  return new PluginError('INVALID_INPUT', `text is not well-formed Unicode: the plugin's protobuf decoder refused it (${status.details})`);
}

function connectionFor(plugin: RunningPlugin, parts: Awaited<ReturnType<typeof connectClient>>, dir: string): Connection {
  const { client, broker, controller, health } = parts;
  const failed = async (error: unknown): Promise<never> => {
    const typed = refusedText(error) ?? fromServiceError(error);
    // UNAVAILABLE: the connection dropped; the process exit that explains it rejects the call with its exit code.
    if (typed.code === 'CRASHED') {
      plugin.channelLost(typed.message);
      return plugin.afterChannelLoss(typed);
    }
    throw typed;
  };
  return {
    pid: plugin.pid,
    send: (method, args, call) => {
      if (method === 'revert' || method === 'revertWithPrefix') {
        const name = method === 'revert' ? 'Revert' : 'RevertWithPrefix';
        return unary(client, name, { text: args[0], depth: call.depth, host_broker_id: broker.id() }, call).then((reply: { text: string }) => reply.text, failed);
      }
      const request = { method, args_json: JSON.stringify(args), depth: call.depth, host_broker_id: broker.id() };
      return unary(client, 'Invoke', request, call).then((reply: { value_json: string }) => parseJson(reply.value_json, `${method} result`), failed);
    },
    ping: async () => {
      const reply = (await unary(health, 'Check', { service: HEALTH_SERVICE })) as { status: string };
      if (reply.status !== 'SERVING') throw new PluginError('PLUGIN_ERROR', `health service says ${reply.status} for "${HEALTH_SERVICE}"`);
    },
    close: async () => {
      // go-plugin's Kill: ask the controller to shut the server down; the plugin's main then returns.
      await plugin.stop(() => unary(controller, 'Shutdown', {}));
      broker.close();
      client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function openGoPlugin(goOptions: GoPluginOptions = {}): OpenConnection {
  return async (request) => {
    const { options, host } = request;
    const command = await goPluginCommand(SAMPLE_BINARY, options.pluginPath);
    const certificate = goOptions.autoMTLS ? (hostCertificate ??= generateCertificate()) : undefined;
    // The plugin's Unix sockets (go-plugin puts them in TMPDIR) live in a folder only this user can enter.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'plugbench-go-plugin-'));
    let plugin: RunningPlugin | undefined;
    try {
      const env = { ...runnerEnv(options), ...goPluginEnv(OFFERED_VERSIONS), TMPDIR: dir, ...(certificate ? { PLUGIN_CLIENT_CERT: certificate.certPem } : {}) };
      // The plugin logs hclog JSON on stderr: each line becomes a log event.
      const logging = { ...request, host: { ...host, event: (event: PluginEvent) => host.event(event.type === 'stderr' ? hclogEvent(event.line) : event) } };
      plugin = await startPluginProcess({ command, env }, { protocol: 'grpc', parse: (line) => parseGoPluginHandshake(line, OFFERED_VERSIONS) }, logging);
      plugin.forwardStdout();
      const began = performance.now();
      const handshake = parseGoPluginHandshake(plugin.handshake.line, OFFERED_VERSIONS);
      const parts = await connectClient(plugin, request, credentialsFor(handshake, certificate), dir);
      host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `go-plugin gRPC at ${handshake.network}:${handshake.address}${certificate ? ' with AutoMTLS' : ''}, health "plugin", broker for callbacks` });
      return connectionFor(plugin, parts, dir);
    } catch (error) {
      plugin?.kill();
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  };
}

/** The target's connection: go-plugin's defaults (no AutoMTLS). */
export const open = openGoPlugin();
