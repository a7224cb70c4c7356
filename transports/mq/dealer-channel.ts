/**
 * The host end of the ZeroMQ channel: a DEALER connected to the plugin's ROUTER.
 * DEALER/ROUTER (not REQ/REP) because many calls, and the plugin's host calls,
 * are in flight at once; the id in each frame's header pairs answers with
 * calls. Frames that are not the protocol and a peer that disconnects are
 * reported, never swallowed. The DEALER reads only while an answer is due, and
 * starts reading after its send, as a bare client does: a receive left pending
 * makes zeromq re-check the socket's events after every send (two more
 * syscalls), and costs a promise per idle wait. A frame the plugin sends while
 * nothing is due is read with the next call.
 */
import { Dealer } from 'zeromq';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';
import { decodePluginFrame, encodeHostMessage } from './host-frames.js';
import { createSendQueue, type SendQueue } from './send-queue.js';

export interface DealerEvents {
  /** Each decoded message from the plugin. */
  onMessage(message: PluginMessage): void;
  /** A frame that is not the protocol (host-frames.ts), or a send that failed. */
  onProtocolError(error: PluginError): void;
  /** The TCP connection to the plugin dropped (it died, or closed its socket). */
  onDisconnect(endpoint: string): void;
  /** The peer refused the CURVE handshake (`handshake:error:*`): the keys are not the plugin's. */
  onHandshakeError?(type: string): void;
  /** True while an answer is due (a call or ping waits): the channel reads only then. */
  expecting(): boolean;
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
  #reading = false;

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
    void connection.watchDisconnect();
    return connection;
  }

  post(message: HostMessage): void {
    if (this.#closed) throw new PluginError('CLOSED', `connection to ${this.endpoint} is closed`);
    this.#queue.send(encodeHostMessage(message));
    if (!this.#reading && this.events.expecting()) void this.receiveLoop();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }

  /** `receive()` directly, as a bare client would: the async iterator adds a promise and a result object per frame. */
  private async receiveLoop(): Promise<void> {
    this.#reading = true;
    try {
      while (!this.#closed && this.events.expecting()) {
        const frames = await this.#socket.receive();
        let message: PluginMessage;
        try {
          message = decodePluginFrame(frames[frames.length - 1]!);
        } catch (error) {
          this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
          continue;
        }
        this.events.onMessage(message);
      }
    } catch (error) {
      // Closing the socket ends a pending receive with EAGAIN.
      if (!this.#closed) this.events.onProtocolError(toPluginError(error, 'PROTOCOL_ERROR'));
    } finally {
      this.#reading = false;
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
