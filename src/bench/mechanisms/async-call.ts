/** async-call: the plugin module imported and its revert called from an async function, in the host's thread. */
import { pathToFileURL } from 'node:url';
import type { RevertModule, StartPeer } from './peer.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const plugin = (await import(pathToFileURL(pluginFile).href)) as RevertModule;
  return { call: async (text) => plugin.revert(text), stop: async () => {} };
};
