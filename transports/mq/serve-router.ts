/**
 * The plugin end of the ZeroMQ channel, for JavaScript plugins: a ROUTER bound
 * to an ephemeral loopback port. Every host that connects (a spawning host, or
 * several `--connect` hosts) gets its own message runner, keyed by its ZeroMQ
 * identity, so answers and host calls go back to the host they belong to.
 */
import { Router } from 'zeromq';
import { createDispatcher } from '../../src/core/plugin-dispatcher.js';
import { createMessageRunner, type MessageRunner } from '../../src/core/message-runner.js';
import type { PluginModule } from '../../src/core/plugin-module.js';
import { decodeFrame, encodeFrame } from './codec.js';
import { createSendQueue } from './send-queue.js';

export interface ServeOptions {
  /** Where to bind; port 0 lets the OS pick, and `endpoint` says which it picked. */
  bind?: string;
  faultInjection?: boolean;
  /** Dies on request (fault:crash). */
  crash(): void;
  /** A host sent `exit`: the plugin's own exit() has run; end the process. */
  onExit(): void;
  /** Protocol trouble worth a stderr line. */
  warn(line: string): void;
}

export interface RouterServer {
  /** The bound endpoint, e.g. tcp://127.0.0.1:43121. */
  readonly endpoint: string;
  close(): void;
}

/** Bytes that are not the protocol, for fault:garbage. */
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]);

export async function serveRouter(plugin: PluginModule, options: ServeOptions): Promise<RouterServer> {
  const router = new Router({ linger: 0 });
  await router.bind(options.bind ?? 'tcp://127.0.0.1:0');
  const queue = createSendQueue(router, (error) => options.warn(`send failed: ${error.message}`));
  const runners = new Map<string, MessageRunner>();

  const runnerFor = (identity: Buffer): MessageRunner => {
    const key = identity.toString('hex');
    const known = runners.get(key);
    if (known) return known;
    const post = (message: unknown) => queue.send([identity, encodeFrame(message)]);
    let exiting = false;
    const runner = createMessageRunner(post, () => {
      if (exiting) return;
      exiting = true;
      void Promise.resolve(dispatch('exit', [], 1))
        .catch(() => {})
        .then(() => queue.drained())
        .finally(() => options.onExit());
    });
    const dispatch = createDispatcher(plugin, {
      hostCall: runner.hostCall,
      faultInjection: options.faultInjection ?? false,
      faults: { crash: options.crash, garbage: () => queue.send([identity, GARBAGE]) },
    });
    runner.attach(dispatch);
    runners.set(key, runner);
    return runner;
  };

  void (async () => {
    for await (const [identity, frame] of router) {
      if (!identity || !frame) continue;
      try {
        runnerFor(identity).receive(decodeFrame(frame));
      } catch (error) {
        options.warn((error as Error).message);
      }
    }
  })().catch(() => {});

  return {
    endpoint: router.lastEndpoint ?? '',
    close: () => router.close(),
  };
}
