/**
 * The NATS client, imported only when a nats handle starts (`import()`), so no
 * other target pays for it; and how both ends connect with a broker's config.
 */
import type { ConnectionOptions, NatsConnection } from 'nats';
import { PluginError } from '../../src/core/errors.js';
import { displayUrl, type ClientConfig } from './broker-config.js';

export type NatsModule = typeof import('nats');
let loading: Promise<NatsModule> | undefined;

export function loadNats(): Promise<NatsModule> {
  return (loading ??= import('nats'));
}

export interface ConnectOptions {
  /** The connection's name, as the server's monitoring shows it. */
  name: string;
  /** Follow the cluster to another server when ours goes (false for a private server: its end is the end). */
  reconnect: boolean;
  timeoutMs: number;
}

/** Between reconnect attempts; short, because a caller's deadline is running. */
const RECONNECT_WAIT_MS = 250;
/** About ten seconds of attempts, then the connection is closed for good. */
const RECONNECT_ATTEMPTS = 40;

export async function connectNats(config: ClientConfig, options: ConnectOptions): Promise<NatsConnection> {
  const nats = await loadNats();
  const { creds, ...rest } = config;
  const connection: ConnectionOptions = {
    ...rest,
    name: options.name,
    timeout: Math.max(1, Math.round(options.timeoutMs)),
    reconnect: options.reconnect,
    maxReconnectAttempts: RECONNECT_ATTEMPTS,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    ...(creds ? { authenticator: nats.credsAuthenticator(creds) } : {}),
  };
  try {
    return await nats.connect(connection);
  } catch (error) {
    const where = config.servers.map(displayUrl).join(', ');
    throw new PluginError('START_FAILED', `cannot connect to NATS at ${where}: ${(error as Error).message}`, { cause: error });
  }
}
