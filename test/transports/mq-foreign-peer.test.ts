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

type Reply = { type?: string; id?: unknown; ok?: boolean; value?: unknown; error?: { code?: string; message?: string } };
type Frame = Buffer | string;

const json = (value: unknown) => JSON.stringify(value);
const call = (id: unknown, extra: Record<string, unknown> = {}) => json({ type: 'call', id, method: 'revert', args: ['ab'], depth: 1, ...extra });

/** [what, frames after the identity, the answer expected ('logged': none, a stderr line instead)]. */
const ANSWERED: [string, Frame[], Partial<Reply> & { code?: string }][] = [
  ['a string id', [call('x')], { type: 'result', id: 'x', ok: false, code: 'PROTOCOL_ERROR' }],
  ['args that are not a list', [call(1, { args: 'ab' })], { type: 'result', id: 1, ok: false, code: 'INVALID_INPUT' }],
  ['an extra argument', [call(2, { args: ['ab', 'cd'] })], { type: 'result', id: 2, ok: false, code: 'INVALID_INPUT' }],
  ['a depth that is a string', [call(3, { depth: '1' })], { type: 'result', id: 3, ok: false, code: 'INVALID_INPUT' }],
  ['a method that is not a string', [call(4, { method: 42 })], { type: 'result', id: 4, ok: false, code: 'PROTOCOL_ERROR' }],
  ['an unknown type', [json({ type: 'revert-please', id: 5 })], { type: 'result', id: 5, ok: false, code: 'PROTOCOL_ERROR' }],
  ['no type', [json({ id: 6, method: 'revert', args: ['ab'] })], { type: 'result', id: 6, ok: false, code: 'PROTOCOL_ERROR' }],
  ['lone surrogate bytes ED A0 80', [rawSurrogateCall(7)], { type: 'result', id: 7, ok: false, code: 'INVALID_INPUT' }],
  ['a missing depth (a top-level call)', [call(8, { depth: undefined })], { type: 'result', id: 8, ok: true, value: 'ba' }],
  ['an empty delimiter frame before the message', ['', call(9)], { type: 'result', id: 9, ok: true, value: 'ba' }],
];

const LOGGED: [string, Frame[]][] = [
  ['a call without id', [json({ type: 'call', method: 'revert', args: ['ab'], depth: 1 })]],
  ['a frame that is not JSON', ['not json']],
  ['a JSON number', ['42']],
  ['a JSON array', [json([call(10)])]],
  ['only an empty frame', ['']],
  ['a host-result without id', [json({ type: 'host-result', ok: true, value: 1 })]],
];

function rawSurrogateCall(id: number): Buffer {
  const [before, after] = call(id).split('ab');
  return Buffer.concat([Buffer.from(`${before}a`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`b${after}`)]);
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
  await dealer.send(call(id, { args: ['ab👋'] }));
  const [frame] = await dealer.receive();
  expect(JSON.parse(frame!.toString('utf8'))).toMatchObject({ type: 'result', id, ok: true, value: '👋ba' });
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
      const reply = JSON.parse(received.at(-1)!.toString('utf8')) as Reply;
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
    await request.send(call(1));
    const [frame] = await request.receive();
    expect(JSON.parse(frame!.toString('utf8'))).toMatchObject({ type: 'result', id: 1, ok: true, value: 'ba' });
  }, 30_000);
});
