/** What a nats handle is given: server URLs with credentials, bad ones refused in one line, and availability without a server. */
import { describe, expect, it } from 'vitest';
import { clientConfig, displayUrl } from '../../../transports/nats/broker-config.js';
import { findNatsServer, natsAvailability } from '../../../transports/nats/find-nats-server.js';
import { expectCode } from '../../helpers/expect-code.js';

describe('nats broker config', () => {
  it('reads a cluster of URLs, with user and password or a token', () => {
    expect(clientConfig({ url: 'nats://a:4222, nats://b:4223' })).toEqual({ servers: ['nats://a:4222', 'nats://b:4223'] });
    expect(clientConfig({ url: 'nats://ann:s%40cret@127.0.0.1:4222' })).toEqual({ servers: ['nats://127.0.0.1:4222'], user: 'ann', pass: 's@cret' });
    expect(clientConfig({ url: 'nats://t0ken@127.0.0.1:4222' })).toEqual({ servers: ['nats://127.0.0.1:4222'], token: 't0ken' });
    expect(displayUrl('nats://ann:secret@h:1,nats://tok@h:2')).toBe('nats://h:1,nats://h:2');
  });

  it('refuses what is not nats://HOST:PORT with INVALID_INPUT, without echoing credentials', async () => {
    for (const url of ['tcp://127.0.0.1:4222', 'nats://127.0.0.1', 'not a url', '']) {
      const error = await expectCode(Promise.resolve().then(() => clientConfig({ url })), 'INVALID_INPUT');
      expect(error.message).toContain('nats://HOST:PORT');
    }
    const error = await expectCode(Promise.resolve().then(() => clientConfig({ url: 'http://ann:secret@h:1' })), 'INVALID_INPUT');
    expect(error.message).not.toContain('secret');
  });

  it('names a missing credentials file', async () => {
    const error = await expectCode(Promise.resolve().then(() => clientConfig({ url: 'nats://h:1', credsFile: '/nonexistent/plugin.creds' })), 'INVALID_INPUT');
    expect(error.message).toContain('/nonexistent/plugin.creds');
  });
});

describe('nats availability', () => {
  it('without nats-server and without a URL, says how to install it', () => {
    expect(findNatsServer([])).toBeUndefined();
    const availability = natsAvailability({}, null);
    expect(availability).toMatchObject({ available: false });
    expect(!availability.available && availability.reason).toContain('apt-get install nats-server');
  });

  it('is available with a server named in the environment, or a binary to start', () => {
    expect(natsAvailability({ PLUGBENCH_NATS_URL: 'nats://127.0.0.1:4222' }, null)).toEqual({ available: true });
    expect(natsAvailability({}, '/usr/sbin/nats-server')).toEqual({ available: true });
  });
});
