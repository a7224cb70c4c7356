/**
 * The mTLS the gRPC targets run (tcp-rpc, tcp-rpc-python, uds-rpc: "authenticated
 * channels", transports/auth/grpc-tls.ts), for their bare peers, so the ratio
 * holds the same TLS on both sides: the same throwaway self-signed certificates
 * for the server and the client, handed to the server in the same variable, the
 * server admitting only the client's certificate, and the same grpc-js client
 * credentials and channel options. Setup only: no plugbench code is in a call's path.
 */
import type * as grpc from '@grpc/grpc-js';
import { hostCredentials, makeTlsPair, TLS_CHANNEL_OPTIONS } from '../../../transports/auth/grpc-tls.js';
import { CHANNEL_OPTIONS } from '../../../transports/grpc/revert-proto.js';

export interface GrpcMtls {
  /** For the server process: its certificate and key, and the one client certificate it admits. */
  env: Record<string, string>;
  credentials: grpc.ChannelCredentials;
  options: grpc.ChannelOptions;
}

/** A fresh pair of certificates, as each start of the target makes. */
export function bareMtls(): GrpcMtls {
  const { secret, env } = makeTlsPair();
  return { env, credentials: hostCredentials(secret), options: { ...CHANNEL_OPTIONS, ...TLS_CHANNEL_OPTIONS } };
}
