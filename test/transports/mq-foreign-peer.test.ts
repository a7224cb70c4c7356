/**
 * A foreign ZeroMQ peer (a raw DEALER and a REQ socket from the test, no
 * plugbench host) against the plugin side alone: a malformed message is
 * answered with a typed error wherever an id can be read, and otherwise counted
 * and logged on stderr; the plugin keeps serving either way, so no caller waits
 * forever. The Node runner, and the Python one where python3-zmq is installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Dealer, Request } from 'zeromq';
import { MQ_RUNNERS, startRawPlugin, type RawPlugin } from '../helpers/raw-plugin.js';

type Reply = { kind: string; id: string; value?: string; error?: { code?: string; message?: string } };
type Frame = Buffer | string;

/** Frames as docs/plugin-protocol.md writes them: a header line, then the body. */
const textCall = (id: string | number, text = 'ab', depth: string | number = 1) => `call-text ${id} ${depth} revert\n${text}`;
const jsonCall = (id: number, body: string) => `call ${id} 1 revert\n${body}`;

/** [what, frames after the identity, the answer expected: its kind and id, with the error code or the text]. */
const ANSWERED: [string, Frame[], Partial<Reply> & { code?: string }][] = [
  ['args that are not a list', [jsonCall(1, '"ab"')], { kind: 'error', id: '1', code: 'INVALID_INPUT' }],
  ['an extra argument', [jsonCall(2, '["ab","cd"]')], { kind: 'error', id: '2', code: 'INVALID_INPUT' }],
  ['a depth that is not a number', [textCall(3, 'ab', '"1"')], { kind: 'error', id: '3', code: 'INVALID_INPUT' }],
  ['no method after the depth', ['call-text 4 1\nab'], { kind: 'error', id: '4', code: 'PROTOCOL_ERROR' }],
  ['an unknown kind', ['revert-please 5'], { kind: 'error', id: '5', code: 'PROTOCOL_ERROR' }],
  ['args that are not JSON', [jsonCall(6, '["ab"')], { kind: 'error', id: '6', code: 'PROTOCOL_ERROR' }],
  ['lone surrogate bytes ED A0 80', [rawSurrogateCall(7)], { kind: 'error', id: '7', code: 'INVALID_INPUT' }],
  ['a lone surrogate escaped in JSON args', [jsonCall(8, '["a\\ud800b"]')], { kind: 'error', id: '8', code: 'INVALID_INPUT' }],
  ['a depth of 0', [textCall(9, 'ab', 0)], { kind: 'error', id: '9', code: 'INVALID_INPUT' }],
  ['the arguments as a JSON list', [jsonCall(10, '["ab"]')], { kind: 'result-text', id: '10', value: 'ba' }],
  ['an empty delimiter frame before the message', ['', textCall(11)], { kind: 'result-text', id: '11', value: 'ba' }],
];

const LOGGED: [string, Frame[]][] = [
  ['a call without id', ['call-text\nab']],
  ['an id that is not a decimal number', [textCall('x')]],
  ['a negative id', [textCall(-1)]],
  ['a JSON object (not a frame of this wire)', [JSON.stringify({ type: 'call', id: 12, method: 'revert', args: ['ab'], depth: 1 })]],
  ['only an empty frame', ['']],
  ['a host-result without id', ['host-result\n1']],
];

function rawSurrogateCall(id: number): Buffer {
  return Buffer.concat([Buffer.from(`call-text ${id} 1 revert\na`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b')]);
}

/** The header's kind and id, and the body: the text of a result-text, the JSON of an error. */
function parseReply(frame: Buffer): Reply {
  const text = frame.toString('utf8');
  const end = text.indexOf('\n');
  const [kind = '', id = ''] = text.slice(0, end < 0 ? undefined : end).split(' ');
  const body = end < 0 ? '' : text.slice(end + 1);
  if (kind === 'result-text') return { kind, id, value: body };
  return { kind, id, ...(kind === 'error' ? { error: JSON.parse(body) as Reply['error'] } : {}) };
}

const open: { close(): void }[] = [];
afterEach(() => {
  for (const item of open.splice(0)) item.close();
});

async function start(runner: (typeof MQ_RUNNERS)[number]): Promise<{ plugin: RawPlugin; dealer: Dealer }> {
  const plugin = await startRawPlugin(runner);
  open.push(plugin);
  const dealer = new Dealer({ linger: 0, receiveTimeout: 10_000, ...plugin.curve });
  open.push(dealer);
  dealer.connect(`tcp://${plugin.address}`);
  return { plugin, dealer };
}

async function revertStillAnswers(dealer: Dealer, id: number): Promise<void> {
  await dealer.send(textCall(id, 'ab👋'));
  const [frame] = await dealer.receive();
  expect(parseReply(frame!)).toEqual({ kind: 'result-text', id: String(id), value: '👋ba' });
}

/** True once `measure()` exceeds `before` (stderr travels on its own pipe, beside the reply); false after a bound that catches a hang. */
async function grows(measure: () => number, before: number): Promise<boolean> {
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (measure() > before) return true;
  }
  return false;
}

describe.each(MQ_RUNNERS)('a foreign ZeroMQ peer against $label', (runner) => {
  it.skipIf(runner.command === undefined)('answers every malformed message it can read an id from, and keeps serving', async () => {
    const { dealer } = await start(runner);
    let next = 100;
    for (const [what, frames, expected] of ANSWERED) {
      await dealer.send(frames);
      const received = await dealer.receive();
      const reply = parseReply(received.at(-1)!);
      const { code, ...rest } = expected;
      expect({ what, reply }).toMatchObject({ what, reply: { ...rest, ...(code ? { error: { code, message: expect.any(String) } } : {}) } });
      await revertStillAnswers(dealer, next++);
    }
  }, 60_000);

  it.skipIf(runner.command === undefined)('counts and logs what it cannot answer, on stderr, and keeps serving', async () => {
    const { plugin, dealer } = await start(runner);
    let next = 200;
    for (const [what, frames] of LOGGED) {
      const before = plugin.stderr().split('\n').length;
      await dealer.send(frames);
      await revertStillAnswers(dealer, next++);
      expect({ what, logged: await grows(() => plugin.stderr().split('\n').length, before) }).toEqual({ what, logged: true });
    }
    expect(plugin.stderr()).toMatch(/dropped message #6\b/);
    expect(plugin.child.exitCode).toBeNull();
  }, 60_000);

  it.skipIf(runner.command === undefined)('answers a REQ socket (its empty delimiter frame comes back)', async () => {
    const { plugin } = await start(runner);
    const request = new Request({ linger: 0, receiveTimeout: 10_000, ...plugin.curve });
    open.push(request);
    request.connect(`tcp://${plugin.address}`);
    await request.send(textCall(1));
    const [frame] = await request.receive();
    expect(parseReply(frame!)).toEqual({ kind: 'result-text', id: '1', value: 'ba' });
  }, 30_000);
});
