/** zeromq-python: the bare zeromq DEALER, to a bare pyzmq ROUTER in Python, over CURVE as mq-python is. */
import { bareCurve } from './curve-peer.js';
import type { StartPeer } from './peer.js';
import { spawnPythonServer } from './python-server.js';
import { dealerClient } from './zeromq.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const { keys, env } = bareCurve();
  return dealerClient(await spawnPythonServer('zeromq', pluginFile, env), keys);
};
