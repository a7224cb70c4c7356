/**
 * zeromq 6 allows one pending send per socket (a second one rejects with EBUSY),
 * while a plugin answers many calls at once: sends are chained here, in order.
 */
import type { Writable } from 'zeromq';

export type Frames = Buffer | Buffer[];

export interface SendQueue {
  /** Queues `frames`; `onError` hears a send that failed (socket closed, peer gone). */
  send(frames: Frames): void;
  /** Settles once every queued send has been tried. */
  drained(): Promise<void>;
}

export function createSendQueue(socket: Writable<Frames>, onError: (error: Error) => void): SendQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    send(frames) {
      tail = tail.then(() => socket.send(frames)).catch((error: unknown) => onError(error as Error));
    },
    drained: () => tail,
  };
}
