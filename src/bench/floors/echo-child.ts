/**
 * The minimal peer of a raw channel floor: reverts each text it receives and
 * sends it back, with no plugin stack. Runs as a child process:
 * `node echo-child.js pipe|tcp|unix|zeromq`. Exits when its stdin closes, so it
 * cannot outlive the host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { revertText } from '../../core/contract.js';

type Mode = 'pipe' | 'tcp' | 'unix' | 'zeromq';

/** Newline-delimited JSON strings in, the same out: the least framing that carries any text. */
function answerLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
  readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
    output.write(JSON.stringify(revertText(JSON.parse(line) as string)) + '\n');
  });
}

async function listen(options: net.ListenOptions): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    answerLines(socket, socket);
  });
  await new Promise<void>((resolve) => server.listen(options, resolve));
  return server;
}

const modes: Record<Mode, () => Promise<void>> = {
  pipe: async () => answerLines(process.stdin, process.stdout),
  tcp: async () => {
    const server = await listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.address() as net.AddressInfo;
    process.stdout.write(JSON.stringify({ port, host: '127.0.0.1' }) + '\n');
  },
  unix: async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plugbench-floor-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const socketPath = path.join(dir, 'floor.sock');
    await listen({ path: socketPath });
    process.stdout.write(JSON.stringify({ path: socketPath }) + '\n');
  },
  zeromq: async () => {
    const zmq = await import('zeromq');
    const socket = new zmq.Reply({ linger: 0 });
    await socket.bind('tcp://127.0.0.1:*');
    process.stdout.write(JSON.stringify({ endpoint: socket.lastEndpoint }) + '\n');
    for await (const [message] of socket) {
      await socket.send(revertText(message!.toString('utf8')));
    }
  },
};

const mode = process.argv[2] as Mode;
if (!Object.hasOwn(modes, mode)) {
  process.stderr.write(`echo-child: unknown mode ${String(mode)}; use pipe, tcp, unix or zeromq\n`);
  process.exit(2);
}
if (mode !== 'pipe') {
  process.stdin.on('data', () => {});
}
process.stdin.on('end', () => process.exit(0));
void modes[mode]();
