/**
 * The host end of the ZeroMQ channel: a DEALER connected to the plugin's ROUTER.
 * DEALER/ROUTER (not REQ/REP) because many calls, and the plugin's host calls,
 * are in flight at once; the `id` inside each `wire` message pairs answers with
 * calls. Frames that are not the protocol and a peer that disconnects are
 * reported, never swallowed.
 */
import { Dealer } from 'zeromq';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { decodeFrame, encodeFrame } from './codec.js';
import { createSendQueue, type SendQueue } from './send-queue.js';

export interface DealerEvents {
  /** Each decoded message from the plugin. */
  onMessage(message: unknown): void;
  /** A frame that is not UTF-8 JSON, or a send that failed. */
  onProtocolError(error: PluginError): void;
  /** The TCP connection to the plugin dropped (it died, or closed its socket). */
  onDisconnect(endpoint: string): void;
}

export class DealerChannel {
  readonly #socket: Dealer;
  readonly #queue: SendQueue;
  #closed = false;

  private constructor(
    readonly endpoint: string,
    private readonly events: DealerEvents,
  ) {
    // linger 0: a closed channel must not wait on messages its dead plugin will never read.
    this.#socket = new Dealer({ linger: 0 });
    this.#queue = createSendQueue(this.#socket, (error) => {
      if (!this.#closed) events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
    });
  }

  /** Connects (ZeroMQ connects in the background; the first ping proves the peer is there). */
  static open(endpoint: string, events: DealerEvents): DealerChannel {
    assertEndpoint(endpoint);
    const connection = new DealerChannel(endpoint, events);
    connection.#socket.connect(endpoint);
    void connection.receiveLoop();
    void connection.watchDisconnect();
    return connection;
  }

  post(message: unknown): void {
    if (this.#closed) throw new PluginError('CLOSED', `connection to ${this.endpoint} is closed`);
    this.#queue.send(encodeFrame(message));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.#socket) {
        const frame = frames[frames.length - 1]!;
        let message: unknown;
        try {
          message = decodeFrame(frame);
        } catch (error) {
          this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
          continue;
        }
        this.events.onMessage(message);
      }
    } catch (error) {
      if (!this.#closed) this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
    }
  }

  private async watchDisconnect(): Promise<void> {
    try {
      for await (const event of this.#socket.events) {
        if (event.type === 'disconnect' && !this.#closed) this.events.onDisconnect(this.endpoint);
      }
    } catch {
      // the observer ends with the socket
    }
  }
}

const ENDPOINT = /^tcp:\/\/[^\s:/]+:\d{1,5}$/;

/** Only TCP endpoints: plugbench's fleet lives on loopback or other machines, never inproc/ipc. */
export function assertEndpoint(endpoint: string): void {
  if (!ENDPOINT.test(endpoint)) {
    throw new PluginError('INVALID_INPUT', `endpoint must look like tcp://HOST:PORT, got "${endpoint}"`, { data: { endpoint } });
  }
}
