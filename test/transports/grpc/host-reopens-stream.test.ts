/**
 * The host end of HostCalls: when its stream ends while the channel lives (the
 * plugin side closed it, a reconnect), the host opens it again, so later
 * callbacks reach it. Tested against a gRPC server of the test's own.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, expect, it } from 'vitest';
import { openHostCalls } from '../../../transports/grpc/host-calls-client.js';
import { CHANNEL_OPTIONS, loadProtos, type HostCallRequest, type HostCallResult } from '../../../transports/grpc/revert-proto.js';

type PluginStream = grpc.ServerDuplexStream<HostCallResult, HostCallRequest>;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

it('opens HostCalls again after the plugin ends it, and answers callbacks on the new stream', async () => {
  const opened: PluginStream[] = [];
  let streamOpened: () => void = () => {};
  const server = new grpc.Server();
  server.addService(loadProtos().service, {
    HostCalls: (stream: PluginStream) => {
      opened.push(stream);
      stream.on('error', () => {});
      streamOpened();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  cleanups.push(() => server.forceShutdown());
  const nextStream = () => new Promise<void>((resolve) => (streamOpened = resolve));
  const { Client } = loadProtos();
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  cleanups.push(() => client.close());
  const first = nextStream();
  const hostCalls = openHostCalls(client, { hostCall: async (name, args) => `${name}(${JSON.stringify(args)})` });
  cleanups.push(() => hostCalls.cancel());
  await first;
  const second = nextStream();
  opened[0]!.end(); // the plugin side ends the first stream
  await second;
  const answer = new Promise<HostCallResult>((resolve) => opened[1]!.once('data', resolve));
  opened[1]!.write({ id: 7, name: 'getConfig', args_json: '["prefix"]', depth: 1 });
  expect(await answer).toMatchObject({ id: 7, ok: true, value_json: JSON.stringify('getConfig(["prefix"])') });
  expect(opened).toHaveLength(2);
});
