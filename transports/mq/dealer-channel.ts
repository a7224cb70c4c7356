/**
 * The host end of the ZeroMQ channel: a DEALER connected to the plugin's ROUTER.
 * DEALER/ROUTER (not REQ/REP) because many calls, and the plugin's host calls,
 * are in flight at once; the `id` inside each `wire` message pairs answers with
 * calls. Frames that are not the protocol and a peer that disconnects are
 * reported, never swallowed.
 */
import { Dealer } from 'zeromq';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { decodeFrame, frameText } from './codec.js';
import { createSendQueue, type SendQueue } from './send-queue.js';

export interface DealerEvents {
  /** Each decoded message from the plugin. */
  onMessage(message: unknown): void;
  /** A frame that is not UTF-8 JSON, or a send that failed. */
  onProtocolError(error: PluginError): void;
  /** The TCP connection to the plugin dropped (it died, or closed its socket). */
  onDisconnect(endpoint: string): void;
  /** The peer refused the CURVE handshake (`handshake:error:*`): the keys are not the plugin's. */
  onHandshakeError?(type: string): void;
}

/** The CURVE client keys of a DEALER (transports/auth/curve-keys.ts). */
export interface CurveClient {
  serverPublic: string;
  clientPublic: string;
  clientSecret: string;
}

export class DealerChannel {
  readonly #socket: Dealer;
  readonly #queue: SendQueue;
  #closed = false;

  private constructor(
    readonly endpoint: string,
    private readonly events: DealerEvents,
    curve?: CurveClient,
  ) {
    // linger 0: a closed channel must not wait on messages its dead plugin will never read.
    const keys = curve ? { curveServerKey: curve.serverPublic, curvePublicKey: curve.clientPublic, curveSecretKey: curve.clientSecret } : {};
    this.#socket = new Dealer({ linger: 0, ...keys });
    this.#queue = createSendQueue(this.#socket, (error) => {
      if (!this.#closed) events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
    });
  }

  /** Connects (ZeroMQ connects in the background; the first ping proves the peer is there). */
  static open(endpoint: string, events: DealerEvents, curve?: CurveClient): DealerChannel {
    assertEndpoint(endpoint);
    const connection = new DealerChannel(endpoint, events, curve);
    connection.#socket.connect(endpoint);
    void connection.receiveLoop();
    void connection.watchDisconnect();
    return connection;
  }

  post(message: unknown): void {
    if (this.#closed) throw new PluginError('CLOSED', `connection to ${this.endpoint} is closed`);
    this.#queue.send(frameText(message));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }

  /** `receive()` directly, as a bare client would: the async iterator adds a promise and a result object per frame. */
  private async receiveLoop(): Promise<void> {
    try {
      while (!this.#closed) {
        const frames = await this.#socket.receive();
        let message: unknown;
        try {
          message = decodeFrame(frames[frames.length - 1]!);
        } catch (error) {
          this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
          continue;
        }
        this.events.onMessage(message);
      }
    } catch (error) {
      // Closing the socket ends a pending receive with EAGAIN.
      if (!this.#closed) this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
    }
  }

  private async watchDisconnect(): Promise<void> {
    try {
      for await (const event of this.#socket.events) {
        if (this.#closed) continue;
        if (event.type === 'disconnect') this.events.onDisconnect(this.endpoint);
        else if (event.type.startsWith('handshake:error')) this.events.onHandshakeError?.(event.type);
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
