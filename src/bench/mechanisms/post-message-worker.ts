/** The worker end of the post-message peer: imports the plugin and answers each text with its revert. */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { RevertModule } from './peer.js';

const plugin = (await import(pathToFileURL((workerData as { pluginFile: string }).pluginFile).href)) as RevertModule;
const port = parentPort!;
port.on('message', (text: string) => port.postMessage(plugin.revert(text)));
