/** The flags that name a NATS server (serve, health), and the BrokerOptions they make. */
import { Flags } from '@oclif/core';
import { PluginError } from '../core/errors.js';
import type { BrokerOptions } from '../core/transport.js';

export const natsFlags = {
  nats: Flags.string({ description: 'NATS server or cluster: nats://HOST:PORT (comma-separated; nats://USER:PASS@... for credentials)', env: 'PLUGBENCH_NATS_URL' }),
  'nats-creds': Flags.string({ description: 'NATS credentials file (JWT + NKey seed), with --nats', env: 'PLUGBENCH_NATS_CREDS' }),
};

export function brokerOptions(flags: { nats?: string | undefined; 'nats-creds'?: string | undefined }): BrokerOptions | undefined {
  if (flags['nats-creds'] && !flags.nats) throw new PluginError('INVALID_INPUT', '--nats-creds names credentials for a server: pass --nats nats://HOST:PORT too');
  if (!flags.nats) return undefined;
  return { url: flags.nats, ...(flags['nats-creds'] ? { credsFile: flags['nats-creds'] } : {}) };
}
