/**
 * The revert service and the standard health service, loaded from their .proto
 * files at run time with proto-loader (no code generation step), for both the
 * host and the Node plugin.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
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

let revert: Pick<LoadedProtos, 'service' | 'Client'> | undefined;
let healthClient: grpc.ServiceClientConstructor | undefined;

/** A .proto file's packages, loaded with the options every gRPC target uses. */
export function loadProtoFile(file: string): any {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, LOADER_OPTIONS));
}

/** The revert service only: what the plugin serves (it gets the health service from grpc-health-check). */
export function loadRevertProto(): Pick<LoadedProtos, 'service' | 'Client'> {
  if (revert) return revert;
  const Client = loadProtoFile(packagePath(...REVERT_PROTO)).plugbench.revert.v1.RevertPlugin as grpc.ServiceClientConstructor;
  revert = { service: Client.service, Client };
  return revert;
}

/**
 * The revert service and a health client. The health client is built from the
 * definition grpc-health-check parsed when it was imported, not from a second
 * parse of health.proto: each parse costs a cold start tens of ms.
 */
export function loadProtos(): LoadedProtos {
  healthClient ??= grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, 'grpc.health.v1.Health');
  return { ...loadRevertProto(), HealthClient: healthClient };
}
