/**
 * A call the runner gives up is cancelled over the target's own protocol: the
 * connection is opened directly, as the runner would, and told that a call the
 * plugin is stuck in (a stall, a host callback that never answers) was given up.
 * Every process connection settles its own send with CANCELLED, so nothing is left
 * waiting on the channel, and tells the plugin where the protocol can: JSON-RPC
 * sends `$/cancelRequest`, gRPC cancels the call, ZeroMQ sends a cancel frame;
 * net/rpc and NATS request/reply have no cancel and only drop the call. Either
 * way the plugin keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, Connection, ConnectionHost } from '../../../src/core/connection.js';
import { PluginError } from '../../../src/core/errors.js';
import { listTargets } from '../../../transports/catalog.js';
import { expectCode } from '../../helpers/expect-code.js';

/** A host whose callbacks never answer; `entered` settles once the plugin is waiting on one. */
function stallingHost(): { host: ConnectionHost; entered: Promise<void> } {
  let enter!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const host: ConnectionHost = {
    target: 'cancel-test',
    hostCall: () => {
      enter();
      return new Promise(() => {});
    },
    closed: () => {},
    event: () => {},
  };
  return { host, entered };
}

/** What the runner gives a connection for one call, with the give-up in the test's hands. */
function callContext(): { call: CallContext; giveUp(reason: PluginError): void } {
  let listener: ((reason: PluginError) => void) | undefined;
  const call: CallContext = {
    depth: 1,
    timeoutMs: undefined,
    get signal(): AbortSignal {
      throw new Error('a process connection reads onGiveUp, not the AbortSignal');
    },
    onGiveUp: (value) => (listener = value),
  };
  return { call, giveUp: (reason) => listener?.(reason) };
}

const cancellable = listTargets().filter(({ descriptor }) => descriptor.family === 'process');

for (const { name, descriptor } of cancellable) {
  const availability = (await descriptor.availability?.()) ?? { available: true };
  describe.skipIf(!availability.available)(`${name} cancellation`, () => {
    let connection: Connection | undefined;
    let entered: Promise<void>;
    beforeAll(async () => {
      const stalling = stallingHost();
      entered = stalling.entered;
      const { open } = await descriptor.load();
      connection = await open({ options: { faultInjection: true }, deadline: performance.now() + 30_000, host: stalling.host });
    });
    afterAll(async () => {
      await connection?.close();
    });

    it('cancels a stalled call the runner gave up, and keeps serving', async () => {
      const { call, giveUp } = callContext();
      const stalled = connection!.send('fault:stall', [], call) as Promise<unknown>;
      giveUp(new PluginError('TIMEOUT', 'given up by the test'));
      await expectCode(stalled, 'CANCELLED');
      expect(await connection!.send('revert', ['ab'], callContext().call)).toBe('ba');
    });

    it('cancels a call given up while the plugin waits on a host callback', async () => {
      const { call, giveUp } = callContext();
      const waiting = connection!.send('revertWithPrefix', ['ab'], call) as Promise<unknown>;
      await entered;
      giveUp(new PluginError('TIMEOUT', 'given up by the test'));
      await expectCode(waiting, 'CANCELLED');
    });
  });
}
