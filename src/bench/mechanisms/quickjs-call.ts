/**
 * quickjs-call: the plain-script plugin evaluated in a QuickJS context of its own
 * (quickjs-emscripten, the same release-sync build the target uses); each call
 * is QuickJS's callFunction on the script's revert, the string handed in and read
 * out, with the memory limit and the deadline interrupt handler the target sets.
 */
import { readFile } from 'node:fs/promises';
import { newQuickJSWASMModule } from 'quickjs-emscripten';
import { BENCH_CALL_TIMEOUT_MS } from '../suite.js';
import type { StartPeer } from './peer.js';

const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;

export const start: StartPeer = async ({ pluginFile }) => {
  const runtime = (await newQuickJSWASMModule()).newRuntime();
  let deadline = Infinity;
  runtime.setMemoryLimit(MEMORY_LIMIT_BYTES);
  runtime.setInterruptHandler(() => performance.now() > deadline);
  const context = runtime.newContext();
  context.unwrapResult(context.evalCode(await readFile(pluginFile, 'utf8'), pluginFile)).dispose();
  const revert = context.getProp(context.global, 'revert');
  return {
    call: async (text) => {
      const argument = context.newString(text);
      deadline = performance.now() + BENCH_CALL_TIMEOUT_MS;
      const result = context.callFunction(revert, context.undefined, argument);
      deadline = Infinity;
      argument.dispose();
      const value = context.unwrapResult(result);
      const answer = context.getString(value);
      value.dispose();
      return answer;
    },
    stop: async () => {
      revert.dispose();
      context.dispose();
      runtime.dispose();
    },
  };
};
