/**
 * Where a nats handle finds its broker: `StartOptions.broker`, else the
 * PLUGBENCH_NATS_URL / PLUGBENCH_NATS_CREDS environment (so `bench` and the tests
 * can run against an existing cluster), else none: plugbench starts its own
 * nats-server. URLs may carry credentials (`nats://user:pass@host:port`,
 * `nats://token@host:port`); the NATS client wants them as options.
 */
import { readFileSync } from 'node:fs';
import { PluginError } from '../../src/core/errors.js';
import type { BrokerOptions } from '../../src/core/transport.js';

/** find-nats-server.ts reads the same name. */
export const NATS_URL_ENV = 'PLUGBENCH_NATS_URL';
export const NATS_CREDS_ENV = 'PLUGBENCH_NATS_CREDS';

/** What `connect()` of the nats client takes, minus the module's own functions. */
export interface ClientConfig {
  servers: string[];
  user?: string;
  pass?: string;
  token?: string;
  /** The contents of a credentials file. */
  creds?: Uint8Array;
}

export function brokerFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerOptions | undefined {
  const url = env[NATS_URL_ENV];
  if (!url) return undefined;
  const credsFile = env[NATS_CREDS_ENV];
  return credsFile ? { url, credsFile } : { url };
}

/** The environment a plugin process needs to reach `broker`. */
export function brokerEnv(broker: BrokerOptions): Record<string, string> {
  return { [NATS_URL_ENV]: broker.url, ...(broker.credsFile ? { [NATS_CREDS_ENV]: broker.credsFile } : {}) };
}

/** Parses `url` (comma-separated for a cluster); a bad one is INVALID_INPUT saying what a good one looks like. */
export function clientConfig(broker: BrokerOptions): ClientConfig {
  const config: ClientConfig = { servers: [] };
  for (const part of broker.url.split(',').map((s) => s.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw badUrl(part);
    }
    if (url.protocol !== 'nats:' || !url.hostname || !url.port) throw badUrl(part);
    if (url.username && url.password) Object.assign(config, { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) });
    else if (url.username) config.token = decodeURIComponent(url.username);
    config.servers.push(`nats://${url.host}`);
  }
  if (config.servers.length === 0) throw badUrl(broker.url);
  if (broker.credsFile) config.creds = readCreds(broker.credsFile);
  return config;
}

/** The URL without credentials, for messages and reports. */
export function displayUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/g, '//');
}

function readCreds(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new PluginError('INVALID_INPUT', `cannot read the NATS credentials file ${file}: ${(error as Error).message}`);
  }
}

function badUrl(url: string): PluginError {
  return new PluginError('INVALID_INPUT', `NATS server URL must look like nats://HOST:PORT (comma-separated for a cluster), got "${displayUrl(url)}"`, {
    data: { url: displayUrl(url) },
  });
}
