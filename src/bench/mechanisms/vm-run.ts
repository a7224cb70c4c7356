/**
 * vm-run: the plain-script plugin evaluated in a node:vm context; each call is one
 * precompiled Script.runInContext calling its revert, with the time limit and
 * microtask mode the vm target relies on to stop a runaway script (the limit is
 * what makes a vm entry cost more than a function call, for any host).
 */
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { BENCH_CALL_TIMEOUT_MS } from '../suite.js';
import type { StartPeer } from './peer.js';

const CALL = new vm.Script('revert(io.text)', { filename: 'bare:vm-run' });

export const start: StartPeer = async ({ pluginFile }) => {
  const io = { text: '' };
  const context = vm.createContext({ io }, { microtaskMode: 'afterEvaluate' });
  vm.runInContext(await readFile(pluginFile, 'utf8'), context, { filename: pluginFile });
  return {
    call: async (text) => {
      io.text = text;
      return CALL.runInContext(context, { timeout: BENCH_CALL_TIMEOUT_MS }) as string;
    },
    stop: async () => {},
  };
};
