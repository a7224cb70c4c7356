/**
 * A foreign host written with python3-grpcio (test/fixtures/grpc/python_host.py)
 * against both gRPC plugins: callbacks reach the connection of their call, also
 * after the first connection closes and a new one opens.
 */
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { packagePath } from '../../../src/core/runtime-paths.js';
import { grpcPython, startGrpcPeer, type GrpcPeer, type GrpcPluginKind } from '../../helpers/grpc-peer.js';

const python = await grpcPython();
const script = new URL('../../fixtures/grpc/python_host.py', import.meta.url).pathname;

describe.skipIf(!python).each([['node'], ['python']] as [GrpcPluginKind][])('%s gRPC plugin, Python host', (kind) => {
  let peer: GrpcPeer | undefined;
  afterEach(async () => peer?.stop());

  it('answers each callback on its own connection, also after a reconnect', async () => {
    peer = await startGrpcPeer(kind, { python });
    const { stdout } = await execa(python!, [script, peer.address, packagePath('sample-plugins', 'python')], { timeout: 60_000, env: { PYTHONDONTWRITEBYTECODE: '1', PLUGBENCH_TEST_TLS: JSON.stringify({ server: peer.tls.server.certPem, clientKey: peer.tls.client.keyPem, clientCert: peer.tls.client.certPem }) } });
    expect(JSON.parse(stdout)).toEqual(['A:0x', 'B:1x', 'A:2x', 'B:3x', 'A:4x', 'B:5x', 'C:ba', 'B:ba']);
  });
});
