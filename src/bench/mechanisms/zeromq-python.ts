/** zeromq-python: the bare zeromq DEALER, to a bare pyzmq ROUTER in Python. */
import type { StartPeer } from './peer.js';
import { spawnPythonServer } from './python-server.js';
import { dealerClient } from './zeromq.js';

export const start: StartPeer = async ({ pluginFile }) => dealerClient(await spawnPythonServer('zeromq', pluginFile));
