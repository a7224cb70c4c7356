/** mq-python: the revert plugin in Python (python3-zmq) behind the same ZeroMQ ROUTER and frames as mq. */
import { openMq } from '../mq/mq-open.js';
import { pythonSpec } from '../python/python-target.js';
import { requirement } from './descriptor.js';

export const open = openMq((options) => pythonSpec('revert_mq.py', requirement, options));
