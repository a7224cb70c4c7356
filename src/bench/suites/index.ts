/** Every suite by name, in the order a run measures them. */
import type { SuiteName } from '../../results/suite-names.js';
import type { Suite } from '../suite.js';
import { callbackSuite } from './callback.js';
import { effortSuite } from './effort.js';
import { hangSuite } from './hang.js';
import { isolationSuite } from './isolation.js';
import { latencySuite } from './latency.js';
import { payloadSuite } from './payload.js';
import { recoverySuite } from './recovery.js';
import { scaleSuite } from './scale.js';
import { startupSuite } from './startup.js';
import { swapSuite } from './swap.js';
import { throughputSuite } from './throughput.js';

export const SUITES: Readonly<Record<SuiteName, Suite>> = {
  latency: latencySuite,
  throughput: throughputSuite,
  payload: payloadSuite,
  startup: startupSuite,
  recovery: recoverySuite,
  hang: hangSuite,
  effort: effortSuite,
  swap: swapSuite,
  callback: callbackSuite,
  isolation: isolationSuite,
  scale: scaleSuite,
};
