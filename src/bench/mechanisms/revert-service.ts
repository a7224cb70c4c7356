/** The revert service from sample-plugins/proto/revert.proto, loaded with proto-loader for the bare gRPC peers. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { packagePath } from '../../core/runtime-paths.js';

export interface RevertService {
  service: grpc.ServiceDefinition;
  Client: grpc.ServiceClientConstructor;
}

export function loadRevertService(): RevertService {
  const definition = protoLoader.loadSync(packagePath('sample-plugins', 'proto', 'revert.proto'), { keepCase: true, defaults: true });
  const Client = (grpc.loadPackageDefinition(definition) as any).plugbench.revert.v1.RevertPlugin as grpc.ServiceClientConstructor;
  return { service: Client.service, Client };
}
