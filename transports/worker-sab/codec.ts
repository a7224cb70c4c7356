/**
 * The wire messages (src/core/wire.ts) as ring records, for the ones a call's
 * hot path sends: a call or host call with one string argument, a string result,
 * ping, pong, cancel, exit. Text is copied as UTF-16 code units, so what arrives
 * is exactly what was sent (lone surrogates included). Any other message (an
 * error, a non-string argument or result), text over SPILL_UNITS, or a record
 * the ring has no room for right now is not encoded: the caller posts it
 * instead (a spill), so every message keeps postMessage's structured-clone meaning.
 */
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';
import type { Ring } from './ring.js';

/**
 * Text longer than this (UTF-16 code units: 4 KiB) is posted instead. Copying
 * into the ring wins on small calls, where the fixed cost of a postMessage is
 * most of the round trip; from about a thousand units on, the plugin's work
 * dominates and a ring copy is no faster than a structured clone (it was slower at
 * 8192 for Latin-1 text: `node scripts/measure-worker-sab.mjs --sizes`).
 */
export const SPILL_UNITS = 2048;
const MAX_NAME_UNITS = 256;
const MAX_ID = 0xffff_ffff;

const CALL = 1;
const HOST_CALL = 2;
const RESULT = 3;
const HOST_RESULT = 4;
const PING = 5;
const PONG = 6;
const CANCEL = 7;
const EXIT = 8;

/** What the worker posts on its port after writing to a ring the host does not listen on (Ring.listening): take the ring now. */
export const RING_NUDGE = 'worker-sab:ring';

/** [length, kind, id low, id high]: the head every record but exit has. */
const HEAD = 4;

type Message = HostMessage | PluginMessage;

/** Writes `message` into `ring` and publishes it; false when it must be posted instead. */
export function encode(ring: Ring, message: Message): boolean {
  switch (message.type) {
    case 'call':
    case 'host-call': {
      const name = message.type === 'call' ? message.method : message.name;
      const text = message.args.length === 1 ? message.args[0] : undefined;
      if (typeof text !== 'string' || name.length > MAX_NAME_UNITS) return false;
      return put(ring, message.type === 'call' ? CALL : HOST_CALL, message.id, text, name, message.depth);
    }
    case 'result':
    case 'host-result':
      if (!message.ok || typeof message.value !== 'string') return false;
      return put(ring, message.type === 'result' ? RESULT : HOST_RESULT, message.id, message.value);
    case 'ping':
      return put(ring, PING, message.id);
    case 'pong':
      return put(ring, PONG, message.id);
    case 'cancel':
      return put(ring, CANCEL, message.id);
    case 'exit':
      return put(ring, EXIT, 0);
    default:
      return false;
  }
}

function put(ring: Ring, kind: number, id: number, text = '', name?: string, depth = 0): boolean {
  if (text.length > SPILL_UNITS || id > MAX_ID || depth > 0xffff) return false;
  const named = name === undefined ? 0 : 2 + name.length;
  const units = HEAD + named + text.length;
  const at = ring.claim(units);
  if (at < 0) return false;
  const data = ring.data;
  data[at] = units;
  data[at + 1] = kind;
  data[at + 2] = id & 0xffff;
  data[at + 3] = id >>> 16;
  if (name !== undefined) {
    data[at + 4] = depth;
    data[at + 5] = name.length;
    ring.writeText(at + 6, name);
  }
  ring.writeText(at + HEAD + named, text);
  ring.publish(at + units);
  return true;
}

/** The message of the record at `at` (from Ring.peek); the caller releases it after. */
export function decode(ring: Ring, at: number): Message | undefined {
  const data = ring.data;
  const units = data[at]!;
  const kind = data[at + 1]!;
  const id = data[at + 2]! + data[at + 3]! * 0x1_0000;
  switch (kind) {
    case CALL:
    case HOST_CALL: {
      const depth = data[at + 4]!;
      const nameUnits = data[at + 5]!;
      const name = ring.readName(at + 6, nameUnits);
      const args = [ring.readText(at + 6 + nameUnits, units - 6 - nameUnits)];
      return kind === CALL ? { type: 'call', id, method: name, args, depth } : { type: 'host-call', id, name, args, depth };
    }
    case RESULT:
      return { type: 'result', id, ok: true, value: ring.readText(at + HEAD, units - HEAD) };
    case HOST_RESULT:
      return { type: 'host-result', id, ok: true, value: ring.readText(at + HEAD, units - HEAD) };
    case PING:
      return { type: 'ping', id };
    case PONG:
      return { type: 'pong', id };
    case CANCEL:
      return { type: 'cancel', id };
    case EXIT:
      return { type: 'exit' };
    default:
      return undefined;
  }
}

/** Takes every record waiting in `ring`, in order, and hands each message to `receive`. */
export function drain(ring: Ring, receive: (message: Message) => void): void {
  for (let at = ring.peek(); at >= 0; at = ring.peek()) {
    const message = decode(ring, at);
    ring.release(at);
    if (message) receive(message);
  }
}
