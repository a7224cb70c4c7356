/**
 * mq: the revert plugin in a Node child process serving a ZeroMQ ROUTER
 * (DEALER/ROUTER over loopback TCP, one frame a message: a header line, then text or JSON), or any endpoint given with
 * `StartOptions.endpoint`.
 */
import { nodeRunnerAt } from '../process/node-runner-spec.js';
import { openMq } from './mq-open.js';

export const open = openMq(nodeRunnerAt(import.meta.url, './plugin-entry.js'));
