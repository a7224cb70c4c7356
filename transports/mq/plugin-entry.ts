/**
 * The mq plugin process (Node): loads a JavaScript plugin file, serves it on a
 * ZeroMQ ROUTER bound to 127.0.0.1 port 0, and announces the endpoint with the
 * handshake line. Started by the host only (magic cookie); exits when its stdin
 * closes, so it never outlives a host that died.
 * Usage (by the host): node plugin-entry.js <plugin.js>
 */
import { toPluginError } from '../../src/core/errors.js';
import { importPlugin } from '../../src/core/load-plugin.js';
import { formatHandshake } from '../process/handshake.js';
import { refuseUnlessStartedByHost } from '../process/magic-cookie.js';
import { serveRouter } from './serve-router.js';

refuseUnlessStartedByHost();
process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();

const pluginPath = process.argv[2];
try {
  if (!pluginPath) throw new Error('usage: plugin-entry.js <plugin file>');
  const plugin = await importPlugin(pluginPath);
  const server = await serveRouter(plugin, {
    faultInjection: process.env.PLUGBENCH_FAULT_INJECTION === '1',
    crash: () => process.exit(70),
    onExit: () => {
      server.close();
      process.exit(0);
    },
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatHandshake({ network: 'tcp', address: server.endpoint.replace(/^tcp:\/\//, ''), protocol: 'zmq' }) + '\n');
} catch (error) {
  process.stderr.write(`mq plugin failed to start: ${toPluginError(error, 'START_FAILED').message}\n`);
  process.exit(1);
}
