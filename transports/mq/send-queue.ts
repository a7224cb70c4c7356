/**
 * zeromq 6 allows one pending send per socket (a second one rejects with EBUSY),
 * while a plugin answers many calls at once: sends are chained here, in order.
 * A send with none pending goes out at once, as a bare client's would.
 */
import type { Writable } from 'zeromq';

export type Frames = Buffer | string | (Buffer | string)[];

export interface SendQueue {
  /** Queues `frames`; `onError` hears a send that failed (socket closed, peer gone). */
  send(frames: Frames): void;
  /** Settles once every queued send has been tried. */
  drained(): Promise<void>;
}

export function createSendQueue(socket: Writable<Frames>, onError: (error: Error) => void): SendQueue {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  const sent = () => void pending--;
  const failed = (error: unknown) => {
    pending--;
    onError(error as Error);
  };
  return {
    send(frames) {
      pending++;
      tail = (pending === 1 ? sendNow(socket, frames) : tail.then(() => socket.send(frames))).then(sent, failed);
    },
    drained: () => tail,
  };
}

/** A closed socket throws at once instead of rejecting: the same failure, either way. */
function sendNow(socket: Writable<Frames>, frames: Frames): Promise<void> {
  try {
    return socket.send(frames);
  } catch (error) {
    return Promise.reject(error);
  }
}
