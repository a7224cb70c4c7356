/**
 * The wire messages (src/core/wire.ts) a call's hot path posts on a worker's port,
 * as one string each: a call or host call with one string argument, and a string
 * result or host result. Structured clone copies a string in one piece, but an
 * object property by property: the `{type, id, method, args, depth}` envelope and
 * its `{type, id, ok, value}` answer cost about 1.7 µs more per round trip than the
 * bare strings (docs/where-the-time-goes.md, "The thread targets"). Every other
 * message (errors, non-string values, ping, cancel, exit) is posted as it is, and
 * `fromPort` hands any value it does not decode back unchanged, so the receiver's
 * checks (isPluginMessage, isHostMessage) still judge it.
 *
 *   call        c<id>:<depth>:<method length>:<method><text>
 *   host-call   h<id>:<depth>:<name length>:<name><text>
 *   result      r<id>:<value>
 *   host-result v<id>:<value>
 *
 * Numbers are decimal, so a Latin-1 text stays a one-byte string; text is carried
 * as UTF-16 code units, exactly (lone surrogates too).
 */
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';

type Message = HostMessage | PluginMessage;

const ZERO = 0x30;

/** What to post for `message`: its string form when it has one, else the message itself. */
export function toPort(message: Message): Message | string {
  switch (message.type) {
    case 'call':
      return message.args.length === 1 && typeof message.args[0] === 'string' ? named('c', message.id, message.depth, message.method, message.args[0]) : message;
    case 'host-call':
      return message.args.length === 1 && typeof message.args[0] === 'string' ? named('h', message.id, message.depth, message.name, message.args[0]) : message;
    case 'result':
      return message.ok && typeof message.value === 'string' ? `r${message.id}:${message.value}` : message;
    case 'host-result':
      return message.ok && typeof message.value === 'string' ? `v${message.id}:${message.value}` : message;
    default:
      return message;
  }
}

function named(tag: string, id: number, depth: number, name: string, text: string): string {
  return `${tag}${id}:${depth}:${name.length}:${name}${text}`;
}

/** The message `value` stands for: a string decoded (left as it is when it is not one of ours), anything else as it came. */
export function fromPort(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const idEnd = value.indexOf(':', 1);
  const id = readInt(value, 1, idEnd);
  if (id < 0) return value;
  switch (value.charCodeAt(0)) {
    case 0x72: // r
      return { type: 'result', id, ok: true, value: value.slice(idEnd + 1) };
    case 0x76: // v
      return { type: 'host-result', id, ok: true, value: value.slice(idEnd + 1) };
    case 0x63: // c
    case 0x68: // h
      return decodeNamed(value, id, idEnd) ?? value;
    default:
      return value;
  }
}

function decodeNamed(value: string, id: number, idEnd: number): Message | undefined {
  const depthEnd = value.indexOf(':', idEnd + 1);
  const depth = readInt(value, idEnd + 1, depthEnd);
  const lengthEnd = value.indexOf(':', depthEnd + 1);
  const length = readInt(value, depthEnd + 1, lengthEnd);
  const textStart = lengthEnd + 1 + length;
  if (depth < 0 || length < 0 || textStart > value.length) return undefined;
  const name = value.slice(lengthEnd + 1, textStart);
  const args = [value.slice(textStart)];
  return value.charCodeAt(0) === 0x63 ? { type: 'call', id, method: name, args, depth } : { type: 'host-call', id, name, args, depth };
}

/** The decimal number in `value` from `start` to `end`, or -1 when that is not one (empty, or not all digits). */
function readInt(value: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = value.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}
