/**
 * A ZAP handler (ZeroMQ RFC 27) that admits one CURVE client key: libzmq asks it
 * about every CURVE handshake on any socket of the process's context, over the
 * inproc endpoint the RFC fixes, and a "400" ends that handshake before a
 * message is delivered. The CURVE server key alone already keeps out a peer
 * without the secret; this also refuses a peer that learned the server's public key.
 */
import { Router } from 'zeromq';
import { sameBytes } from './plugin-secret.js';
import { z85 } from './curve-keys.js';

const ZAP_ENDPOINT = 'inproc://zeromq.zap.01';

export interface ZapHandler {
  close(): void;
}

/** Starts the handler; `refused(why)` hears of each handshake it turns down. */
export async function admitOnlyClient(clientPublic: string, refused: (why: string) => void): Promise<ZapHandler> {
  const zap = new Router({ linger: 0 });
  await zap.bind(ZAP_ENDPOINT);
  const allowed = Buffer.from(clientPublic, 'latin1');
  void (async () => {
    // [routing id, empty, version, request id, domain, address, identity, mechanism, credentials...]
    for await (const [id, empty, version, requestId, , address, , mechanism, key] of zap) {
      const ok = mechanism?.toString() === 'CURVE' && key?.length === 32 && sameBytes(Buffer.from(z85(key), 'latin1'), allowed);
      if (!ok) refused(`${address?.toString() ?? 'a peer'}: ${mechanism?.toString() ?? 'no'} handshake with a key the secret does not give`);
      await zap.send([id!, empty!, version!, requestId!, ok ? '200' : '400', ok ? 'OK' : 'unknown client key', '', '']);
    }
  })().catch(() => {});
  return { close: () => zap.close() };
}
