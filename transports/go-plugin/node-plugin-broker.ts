/**
 * The plugin's end of go-plugin's GRPCBroker, in Node: the host announces on
 * the StartStream stream where it serves a brokered service (ConnInfo by id),
 * and the plugin dials it when a call names that id (go-plugin's
 * broker.Dial, which waits up to 5 s for the announcement).
 */
import * as grpc from '@grpc/grpc-js';
import { PluginError } from '../../src/core/errors.js';
import { fromServiceError, parseJson } from '../grpc/grpc-errors.js';
import type { HostCaller } from '../../src/core/plugin-dispatcher.js';
import { CHANNEL_OPTIONS, grpcTarget, loadServices } from './go-plugin-protocol.js';

/** go-plugin's Dial gives up after this long without the host's ConnInfo. */
const DIAL_WAIT_MS = 5_000;
/** Hosts that broker a fresh id per call would grow this without bound. */
const MAX_HOSTS = 64;

interface ConnInfo {
  service_id: number;
  network: 'unix' | 'tcp';
  address: string;
}

export interface PluginBroker {
  /** The GRPCBroker/StartStream handler: the host's announcements. */
  startStream(stream: grpc.ServerDuplexStream<ConnInfo, ConnInfo>): void;
  /** Calls the host's Host service brokered under `id`. */
  hostCaller(id: number): HostCaller;
}

export function createPluginBroker(credentials: () => grpc.ChannelCredentials): PluginBroker {
  const announced = new Map<number, ConnInfo>();
  const waiting = new Map<number, Array<(info: ConnInfo) => void>>();
  const hosts = new Map<number, Promise<grpc.Client>>();

  const connInfo = (id: number) =>
    new Promise<ConnInfo>((resolve, reject) => {
      const known = announced.get(id);
      if (known) return resolve(known);
      const timer = setTimeout(() => reject(new PluginError('HOST_ERROR', `timeout waiting for connection info (broker id ${id})`)), DIAL_WAIT_MS);
      waiting.set(id, [...(waiting.get(id) ?? []), (info) => (clearTimeout(timer), resolve(info))]);
    });

  const dial = (id: number): Promise<grpc.Client> => {
    let client = hosts.get(id);
    if (!client) {
      client = connInfo(id).then((info) => new (loadServices().Host)(grpcTarget(info), credentials(), CHANNEL_OPTIONS));
      hosts.set(id, client);
      if (hosts.size > MAX_HOSTS) evictOldest(hosts);
    }
    return client;
  };

  return {
    startStream(stream) {
      stream.on('data', (info: ConnInfo) => {
        announced.set(info.service_id, info);
        for (const resolve of waiting.get(info.service_id) ?? []) resolve(info);
        waiting.delete(info.service_id);
      });
      stream.on('error', () => {});
    },
    hostCaller: (id) => async (name, args, depth) => {
      if (id === 0) throw new PluginError('HOST_FUNCTION_NOT_FOUND', `host function "${name}" does not exist: this call came without a host`);
      const client = await dial(id);
      const reply = await new Promise<{ value_json: string }>((resolve, reject) =>
        (client as any).Call({ name, args_json: JSON.stringify(args), depth }, (error: grpc.ServiceError | null, value: { value_json: string }) =>
          error ? reject(fromServiceError(error, 'HOST_ERROR')) : resolve(value),
        ),
      );
      return parseJson(reply.value_json, 'host call result');
    },
  };
}

function evictOldest(hosts: Map<number, Promise<grpc.Client>>): void {
  const [oldest, client] = hosts.entries().next().value as [number, Promise<grpc.Client>];
  hosts.delete(oldest);
  void client.then((host) => host.close(), () => {});
}
