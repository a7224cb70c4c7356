/**
 * The stranger of the "a stranger is refused" probe: a client that knows a
 * plugin's address and protocol (as any local process can find its port) but
 * not the host's secret, and asks for `revert` and then `exit` in that
 * protocol's own words, with no credentials. Each client reports whether
 * anything answered; a refusal (connection refused or closed, a failed
 * handshake, silence until the bound) is `answered: false`.
 */
import net from 'node:net';

export interface StrangerResult {
  answered: boolean;
  detail: string;
}

/** How long a stranger waits for an answer; a plugin that refuses closes the connection or fails the handshake well before. */
export const STRANGER_WAIT_MS = 3_000;

type Stranger = (host: string, port: number) => Promise<StrangerResult>;

const frameJsonRpc = (body: object) => {
  const text = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
};

/** Sends `payload` on a raw TCP connection; answered when a reply holding `"result"` arrives. */
function rawTcp(payload: string): Stranger {
  return (host, port) =>
    new Promise((resolve) => {
      const socket = net.connect({ host, port });
      let got = '';
      const done = (result: StrangerResult) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => done({ answered: false, detail: `no answer within ${STRANGER_WAIT_MS} ms` }), STRANGER_WAIT_MS);
      socket.on('connect', () => socket.write(payload));
      socket.on('data', (chunk) => {
        got += chunk.toString('utf8');
        if (got.includes('"result"')) done({ answered: true, detail: `answered: ${got.slice(0, 120)}` });
      });
      socket.on('error', (error) => done({ answered: false, detail: `refused: ${error.message}` }));
      socket.on('close', () => done({ answered: false, detail: got ? `closed after: ${got.slice(0, 80)}` : 'the plugin closed the connection without a word' }));
    });
}

const jsonRpc = rawTcp(
  frameJsonRpc({ jsonrpc: '2.0', id: 1, method: 'revert', params: { args: ['ab'], depth: 1 } }) + frameJsonRpc({ jsonrpc: '2.0', id: 2, method: 'exit', params: { args: [], depth: 1 } }),
);
const netRpc = rawTcp(
  `${JSON.stringify({ method: 'Plugin.Revert', params: [{ text: 'ab', depth: 1 }], id: 1 })}\n${JSON.stringify({ method: 'Plugin.Exit', params: [{}], id: 2 })}\n`,
);

/** A grpc-js client with no credentials (plaintext), as a stranger from the .proto would write. */
const grpcStranger: Stranger = async (host, port) => {
  const grpc = await import('@grpc/grpc-js');
  const { loadProtos } = await import('../../transports/grpc/revert-proto.js');
  const client = new (loadProtos().Client)(`${host}:${port}`, grpc.credentials.createInsecure());
  const unary = (rpc: string, request: object) =>
    new Promise<string>((resolve) => {
      const call = (client as unknown as Record<string, Function>)[rpc]!;
      call.call(client, request, { deadline: Date.now() + STRANGER_WAIT_MS }, (error: Error | null) => resolve(error ? `${rpc}: ${error.message}` : ''));
    });
  try {
    const failures = [await unary('Revert', { text: 'ab', depth: 1 }), await unary('Exit', {})];
    return failures.every(Boolean) ? { answered: false, detail: failures.join('; ') } : { answered: true, detail: 'a call without credentials was answered' };
  } finally {
    client.close();
  }
};

/** A ZeroMQ DEALER with the default NULL mechanism: answered if any frame comes back before the handshake fails. */
const zmqStranger: Stranger = async (host, port) => {
  const { Dealer } = await import('zeromq');
  const dealer = new Dealer({ linger: 0, receiveTimeout: STRANGER_WAIT_MS, sendTimeout: STRANGER_WAIT_MS });
  const handshakeFailed = (async () => {
    for await (const event of dealer.events) if (event.type.startsWith('handshake:error')) return `the plugin refused the handshake (${event.type})`;
    return 'closed';
  })();
  try {
    dealer.connect(`tcp://${host}:${port}`);
    await dealer.send('call-text 1 1 revert\nab');
    await dealer.send('exit');
    const answer = dealer.receive().then(
      ([frame]) => ({ answered: true, detail: `answered: ${String(frame).slice(0, 120)}` }),
      (error: Error) => ({ answered: false, detail: `no answer: ${error.message}` }),
    );
    return await Promise.race([answer, handshakeFailed.then((detail) => ({ answered: false, detail }))]);
  } catch (error) {
    return { answered: false, detail: `no answer: ${(error as Error).message}` };
  } finally {
    dealer.close();
  }
};

/** Strangers by the protocol a plugin's handshake names. */
export const STRANGERS: Readonly<Record<string, Stranger>> = { jsonrpc: jsonRpc, jsonrpc1: netRpc, grpc: grpcStranger, zmq: zmqStranger };
