/** Runs inside the Worker: loads the plugin file and serves calls over the parent port (the hot messages as strings: port-codec.ts). */
import type { PluginMessage } from '../../src/core/wire.js';
import { fromPort, toPort } from './port-codec.js';
import { servePlugin } from './serve-plugin.js';

export type { WorkerStartData } from './serve-plugin.js';

const { port, runner } = servePlugin((message: PluginMessage) => port.postMessage(toPort(message)));
port.on('message', (message) => runner.receive(fromPort(message)));
