/** napi-call: the addon's revert, a C function behind N-API, called directly. */
import { createRequire } from 'node:module';
import type { RevertModule, StartPeer } from './peer.js';

const require = createRequire(import.meta.url);

export const start: StartPeer = async ({ pluginFile }) => {
  const addon = require(pluginFile) as RevertModule;
  return { call: async (text) => addon.revert(text), stop: async () => {} };
};
