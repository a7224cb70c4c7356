/**
 * go-plugin both ways: the Go sample plugin answers go-plugin's own Go host
 * (plugin.NewClient, Dispense) and plugbench's Node host the same, and a Go
 * host built with go-plugin runs plugbench's Node plugin. With AutoMTLS the
 * calls cross over TLS; the plugin's broker dial back to the host fails in
 * go-plugin 1.0.1 (hashicorp/go-plugin#109) from either host alike.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenConnection } from '../../../src/core/connection.js';
import { revertText, SEED_TEXT } from '../../../src/core/contract.js';
import { toPluginError } from '../../../src/core/errors.js';
import { PluginRunner } from '../../../src/core/runner.js';
import { builtPath } from '../../../src/core/runtime-paths.js';
import type { PluginEvent } from '../../../src/core/transport.js';
import { goBinaryAvailability } from '../../../transports/go-common/go-build.js';
import { open as openDefault, openGoPlugin } from '../../../transports/go-plugin/index.js';

const GO_HOST = builtPath('sample-plugins', 'go', 'go-plugin-host');
const GO_PLUGIN = builtPath('sample-plugins', 'go', 'go-plugin-revert');
const NODE_PLUGIN = [process.execPath, builtPath('transports', 'go-plugin', 'node-plugin-main.js')];
const built = (await goBinaryAvailability('go-plugin-revert')).available && (await goBinaryAvailability('go-plugin-host')).available;

interface Case {
  method: string;
  text: string;
  config?: Record<string, string>;
}
/** What a call returned, as both hosts report it. */
type Answer = { method: string; value: string } | { method: string; error: string; message?: string };

const CASES: Case[] = [
  ...[SEED_TEXT, '', 'a😀b👍🏽c𝄞d🇫🇷e', 'e\u0301a\u0308o\u0302', '日本語のテキスト，中文字符', '\u0000a\u0001\t\n\r\u001b\u007fz'].map((text) => ({ method: 'revert', text })),
  { method: 'revertWithPrefix', text: 'abc😀', config: { prefix: '>> ' } },
  { method: 'revertWithPrefix', text: 'abc', config: {} },
  { method: 'noSuchMethod', text: 'x' },
];

let dir: string;
let casesFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'plugbench-go-interop-'));
  casesFile = path.join(dir, 'cases.json');
  await writeFile(casesFile, JSON.stringify(CASES));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the Go host against `command`; its answers, one per case, and its ping. */
async function goHost(command: string[], autoMTLS = false): Promise<{ answers: Answer[]; ping: unknown }> {
  const result = await execa(GO_HOST, [...(autoMTLS ? ['-automtls'] : []), '-cases', casesFile, '--', ...command], { stdin: 'ignore', timeout: 60_000, reject: false });
  expect(result.exitCode, result.stderr).toBe(0);
  const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { method: string; value?: string; error?: { code: string; message: string } });
  const ping = lines.pop();
  return { answers: lines.map(({ method, value, error }) => (error ? { method, error: error.code, message: error.message } : { method, value: value! })), ping };
}

/** The same cases through plugbench's host. */
async function plugbenchHost(open: OpenConnection, events: PluginEvent[] = []): Promise<Answer[]> {
  let config: Record<string, string> = {};
  const plugin = await PluginRunner.start('go-plugin', open, { hostFunctions: { getConfig: ([key]) => config[String(key)] ?? null }, onEvent: (event) => events.push(event) });
  try {
    const answers: Answer[] = [];
    for (const { method, text, config: own } of CASES) {
      config = own ?? {};
      answers.push(await plugin.call<string>(method, [text]).then((value) => ({ method, value }), (error: unknown) => ({ method, error: toPluginError(error).code, message: toPluginError(error).message })));
    }
    expect((await plugin.health()).ok).toBe(true);
    return answers;
  } finally {
    await plugin.stop();
  }
}

const withoutMessages = (answers: Answer[]) => answers.map((answer) => ('error' in answer ? { method: answer.method, error: answer.error } : answer));

describe.skipIf(!built)('go-plugin interop', () => {
  it("answers go-plugin's own Go host and plugbench's host the same", async () => {
    const events: PluginEvent[] = [];
    const [fromGo, fromNode] = await Promise.all([goHost([GO_PLUGIN]), plugbenchHost(openDefault, events)]);
    expect(withoutMessages(fromNode)).toEqual(withoutMessages(fromGo.answers));
    expect(fromGo.answers[0]).toEqual({ method: 'revert', value: revertText(SEED_TEXT) });
    expect(fromGo.answers.at(-3)).toEqual({ method: 'revertWithPrefix', value: '>> 😀cba' });
    expect(fromGo.answers.at(-1)).toMatchObject({ error: 'METHOD_NOT_FOUND' });
    expect(fromGo.ping).toEqual({ ping: 'ok', protocol: 'grpc' });
    // Stopped through GRPCController/Shutdown: the plugin ended by itself, no signal needed.
    expect(events).toContainEqual(expect.objectContaining({ type: 'step', name: 'exit', detail: expect.stringMatching(/ended by itself; .*code 0/) }));
  });

  it("a go-plugin Go host runs plugbench's Node plugin, with the same answers as the Go plugin's", async () => {
    const [fromNodePlugin, fromGoPlugin] = await Promise.all([goHost(NODE_PLUGIN), goHost([GO_PLUGIN])]);
    expect(withoutMessages(fromNodePlugin.answers)).toEqual(withoutMessages(fromGoPlugin.answers));
    expect(fromNodePlugin.ping).toEqual({ ping: 'ok', protocol: 'grpc' });
  });

  it('with AutoMTLS, calls cross over TLS from either host, and the brokered callback fails alike (go-plugin#109)', async () => {
    const events: PluginEvent[] = [];
    const [fromGo, fromNode] = await Promise.all([goHost([GO_PLUGIN], true), plugbenchHost(openGoPlugin({ autoMTLS: true }), events)]);
    expect(withoutMessages(fromNode)).toEqual(withoutMessages(fromGo.answers));
    expect(fromNode[0]).toEqual({ method: 'revert', value: revertText(SEED_TEXT) });
    for (const answers of [fromGo.answers, fromNode]) {
      const callbacks = answers.filter((answer) => answer.method === 'revertWithPrefix');
      expect(callbacks).toEqual(callbacks.map(() => expect.objectContaining({ error: 'HOST_ERROR', message: expect.stringContaining('not unused') })));
    }
    const handshake = events.find((event) => event.type === 'step' && event.name === 'handshake');
    expect(handshake?.type === 'step' && handshake.detail?.split('|')[5]?.length).toBeGreaterThan(50);
  });

  it("plugbench's Node plugin under AutoMTLS serves callbacks too: it trusts the host's certificate for the brokered dial", async () => {
    const [secure, plain] = await Promise.all([goHost(NODE_PLUGIN, true), goHost([GO_PLUGIN])]);
    expect(withoutMessages(secure.answers)).toEqual(withoutMessages(plain.answers));
  });

  for (const [label, command] of [['the Go plugin', [GO_PLUGIN]], ["plugbench's Node plugin", NODE_PLUGIN]] as const) {
    it(`${label}, started by hand without the cookie, says it is a plugin and exits`, async () => {
      const result = await execa(command[0]!, command.slice(1), { reject: false, timeout: 30_000, stdin: 'ignore' });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('This binary is a plugin');
      expect(result.stdout).toBe('');
    });
  }
});
