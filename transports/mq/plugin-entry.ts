/**
 * The mq plugin process (Node): loads the plugin module the host names, serves
 * it on a ZeroMQ ROUTER bound to 127.0.0.1 port 0, and announces the endpoint
 * with the handshake line. The shared Node runner refuses to run without the
 * host's magic cookie; the stdin lifeline ends it when the host dies.
 */
import { toPluginError } from '../../src/core/errors.js';
import { curveKeys } from '../auth/curve-keys.js';
import { takePluginSecret } from '../auth/plugin-side.js';
import { formatHandshake } from '../process/handshake.js';
import { exitWhenStdinCloses, loadNodePlugin } from '../process/node-runner.js';
import { serveRouter } from './serve-router.js';

try {
  // Only a host that holds the start's secret completes the CURVE handshake.
  const keys = curveKeys(takePluginSecret());
  const { directDispatcherFor } = await loadNodePlugin();
  exitWhenStdinCloses();
  const server = await serveRouter({
    dispatcherFor: directDispatcherFor,
    // A host sent `exit`: run the plugin's exit(), let queued answers leave, end.
    onExit: (dispatch) =>
      void Promise.resolve()
        .then(() => dispatch('exit', [], 1))
        .catch(() => {})
        .then(() => server.drained())
        .finally(() => process.exit(0)),
    warn: (line) => process.stderr.write(`${line}\n`),
    curve: { serverSecret: keys.serverSecret, clientPublic: keys.clientPublic },
  });
  const address = server.endpoint.replace(/^tcp:\/\//, '');
  process.stdout.write(formatHandshake({ network: 'tcp', address, protocol: 'zmq' }) + '\n');
} catch (error) {
  process.stderr.write(`mq plugin failed to start: ${toPluginError(error, 'START_FAILED').message}\n`);
  process.exit(1);
}
