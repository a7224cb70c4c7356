/**
 * The stdio-rpc plugin process: prints its handshake, then speaks JSON-RPC on
 * stdin/stdout. stdin is both the channel and the lifeline: EOF ends the process.
 */
import { serveJsonRpc, createLateHostCaller } from '../json-rpc/serve-json-rpc.js';
import { formatHandshake } from '../process/handshake.js';
import { startNodeRunner } from '../process/node-runner.js';

const late = createLateHostCaller();
const runner = await startNodeRunner(late.hostCall, () => process.stdout.write('this is not JSON-RPC\n'));
process.stdout.write(formatHandshake({ network: 'stdio', address: '-', protocol: 'jsonrpc' }) + '\n');
serveJsonRpc(runner, { input: process.stdin, output: process.stdout }, late.attach);
