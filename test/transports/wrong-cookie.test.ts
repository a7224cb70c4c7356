/**
 * A plugin started with a magic cookie that is not its own says so, apart from
 * one started with none (by hand): the Node runners and the Python runtime alike.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { builtPath, packagePath } from '../../src/core/runtime-paths.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, NOT_BY_HAND_EXIT_CODE } from '../../transports/process/magic-cookie.js';
import { findPython } from '../../transports/python/find-python.js';

const WRONG = `${MAGIC_COOKIE_VALUE}-v0`;

/** Runs a plugin runner by hand with `cookie` (or none) in its environment. */
function runByHand(command: string, args: string[], cookie: string | undefined) {
  return execa(command, args, { reject: false, timeout: 30_000, stdin: 'ignore', env: { [MAGIC_COOKIE_KEY]: cookie }, extendEnv: true });
}

async function expectTold(command: string, args: string[]): Promise<void> {
  const wrong = await runByHand(command, args, WRONG);
  expect(wrong.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
  expect(wrong.stderr).toContain(`${MAGIC_COOKIE_KEY} is "${WRONG}", which is not this plugin's cookie`);
  expect(wrong.stderr).toContain(`expects ${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE}`);
  expect(wrong.stdout).toBe('');
  const none = await runByHand(command, args, undefined);
  expect(none.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
  expect(none.stderr).toContain('meant to be started by plugbench');
  expect(none.stderr).not.toContain('not this plugin\'s cookie');
}

describe('a wrong magic cookie gets its own message', () => {
  it.each([
    ['stdio-rpc', 'plugin-main.js'],
    ['tcp-rpc', 'plugin-main.js'],
    ['tcp-jsonrpc', 'plugin-main.js'],
    ['mq', 'plugin-entry.js'],
  ])('%s (Node)', async (transport, file) => {
    await expectTold(process.execPath, [builtPath('transports', transport, file)]);
  });

  it.for([
    ['stdio_jsonrpc_plugin.py', []],
    ['grpc_plugin.py', ['grpc']],
    ['revert_mq.py', ['zmq']],
  ] as [string, string[]][])('%s (Python)', async ([script, modules], context) => {
    const choice = await findPython({ modules, installHint: '' });
    if (!choice.available) return context.skip();
    await expectTold(choice.python, [packagePath('sample-plugins', 'python', script)]);
  });
});
