/**
 * The host's end of go-plugin's GRPCBroker, for callbacks: the host serves the
 * Host service on a Unix socket in the plugin's private folder, announces it
 * on the broker stream under one id just before the first call, and names
 * that id in every call; the plugin dials it once (broker.Dial) and keeps it.
 * go-plugin's own hosts announce a fresh id per call (AcceptAndServe); one id
 * for the connection's life is the same protocol without a socket per call.
 */
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { ConnectionHost } from '../../src/core/connection.js';
import { parseJson, toServiceError } from '../grpc/grpc-errors.js';
import { loadServices } from './go-plugin-protocol.js';

/** The one broker id the host serves Host under. */
const HOST_BROKER_ID = 1;

export interface HostBroker {
  /** The broker id to put in a call; the first call announces the Host service. */
  id(): number;
  close(): void;
}

interface HostCallRequest {
  name: string;
  args_json: string;
  depth: number;
}

function hostService(host: ConnectionHost): grpc.UntypedServiceImplementation {
  return {
    Call: (call: grpc.ServerUnaryCall<HostCallRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const { name, args_json, depth } = call.request;
      Promise.resolve()
        .then(() => {
          const args = parseJson(args_json, 'host call arguments');
          return host.hostCall(name, Array.isArray(args) ? args : [], depth);
        })
        .then(
          (value) => callback(null, { value_json: JSON.stringify(value ?? null) }),
          (error: unknown) => callback(toServiceError(error, 'HOST_ERROR')),
        );
    },
  };
}

/** Serves Host in `dir` and opens the broker stream on `client`'s connection. */
export async function startHostBroker(client: grpc.Client, dir: string, host: ConnectionHost, credentials: grpc.ServerCredentials): Promise<HostBroker> {
  const { GRPCBroker, Host } = loadServices();
  const server = new grpc.Server();
  server.addService(Host.service, hostService(host));
  const address = path.join(dir, 'host.sock');
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${address}`, credentials, (error) => (error ? reject(error) : resolve())));
  const broker = new GRPCBroker('unused', grpc.credentials.createInsecure(), { channelOverride: client.getChannel() });
  const stream = (broker as any).StartStream() as grpc.ClientDuplexStream<unknown, unknown>;
  // The plugin announces nothing the host dials; what it sends is read and dropped.
  stream.on('data', () => {});
  stream.on('error', () => {});
  let announced = false;
  return {
    id: () => {
      if (!announced) {
        announced = true;
        stream.write({ service_id: HOST_BROKER_ID, network: 'unix', address });
      }
      return HOST_BROKER_ID;
    },
    close: () => {
      stream.cancel();
      server.forceShutdown();
    },
  };
}
