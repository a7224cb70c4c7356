/** Runs inside the Worker: loads the plugin file and serves calls over the parent port. */
import type { PluginMessage } from '../../src/core/wire.js';
import { servePlugin } from './serve-plugin.js';

export type { WorkerStartData } from './serve-plugin.js';

const { port, runner } = servePlugin((message: PluginMessage) => port.postMessage(message));
port.on('message', (message) => runner.receive(message));
