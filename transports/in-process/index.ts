/**
 * in-process: the plugin module is imported at build time and registered, the
 * compile-time plugin pattern (like registering net/http handlers). Fastest, no
 * isolation: a plugin that loops forever blocks the host.
 */
import * as samplePlugin from '../../sample-plugins/typescript/revert-plugin.js';
import type { Connection, OpenConnection } from '../../src/core/connection.js';
import { checkPluginModule } from '../../src/core/plugin-module.js';
import { settleQuietly } from '../../src/core/settle-quietly.js';
import { createDirectDispatcher } from '../../src/core/plugin-dispatcher.js';

const SOURCE = 'sample-plugins/typescript/revert-plugin';

/** Registers an already-loaded module; a call is a function call on the host's thread. */
export function openModule(namespace: unknown, source: string): OpenConnection {
  return async ({ options, host }) => {
  const began = performance.now();
  const dispatch = createDirectDispatcher(checkPluginModule(namespace, source), {
    hostCall: host.hostCall,
    faultInjection: options.faultInjection ?? false,
  });
  host.event({ type: 'step', name: 'register', ms: performance.now() - began, detail: source });
  const connection: Connection = {
    send: (method, args, call) => dispatch(method, args, call.depth),
    ping: async () => {},
    close: async () => {
      await settleQuietly(() => dispatch('exit', [], 1));
    },
  };
  return connection;
  };
}

/** The compiled-in sample plugin. */
export const open = openModule(samplePlugin, SOURCE);
