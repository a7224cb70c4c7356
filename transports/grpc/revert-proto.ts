/**
 * The revert service and the standard health service, loaded from their .proto
 * files at run time with proto-loader (no code generation step), for both the
 * host and the Node plugin.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { packagePath } from '../../src/core/runtime-paths.js';

export const REVERT_PROTO = ['sample-plugins', 'proto', 'revert.proto'] as const;

export interface RevertRequest {
  text: string;
  depth: number;
}
export interface RevertReply {
  text: string;
}
export interface InvokeRequest {
  method: string;
  args_json: string;
  depth: number;
}
export interface InvokeReply {
  value_json: string;
}
export interface HostCallRequest {
  id: number;
  name: string;
  args_json: string;
  depth: number;
}
export interface HostCallResult {
  id: number;
  ok: boolean;
  value_json: string;
  error_json: string;
}

/** No message size limit: the conformance suite sends 1 MiB strings, benchmarks more. */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

interface LoadedProtos {
  service: grpc.ServiceDefinition;
  Client: grpc.ServiceClientConstructor;
  HealthClient: grpc.ServiceClientConstructor;
}

let loaded: LoadedProtos | undefined;

/** A .proto file's packages, loaded with the options every gRPC target uses. */
export function loadProtoFile(file: string): any {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, LOADER_OPTIONS));
}

export function loadProtos(): LoadedProtos {
  if (loaded) return loaded;
  const revert = loadProtoFile(packagePath(...REVERT_PROTO));
  const health = loadProtoFile(healthProtoPath);
  const Client = revert.plugbench.revert.v1.RevertPlugin as grpc.ServiceClientConstructor;
  loaded = { service: Client.service, Client, HealthClient: health.grpc.health.v1.Health as grpc.ServiceClientConstructor };
  return loaded;
}
