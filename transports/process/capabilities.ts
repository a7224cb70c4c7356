/** What a plugin in its own process offers, whatever the channel or language. */
import type { Capabilities } from '../../src/core/transport.js';

export const PROCESS_CAPABILITIES: Capabilities = {
  hangRecoverable: true,
  hangNote: 'the call gets TIMEOUT; under the supervisor (src/core/supervisor.ts) a plugin that then fails its health check is killed and restarted',
  crashIsolated: true,
  callbacks: true,
  protections: ['separate-process', 'magic-cookie', 'no-orphans'],
};

/** A Node plugin process also offers `sandbox`: Node's permission model, a small heap and a clean env (node-runner-spec.ts). */
export const NODE_PROCESS_CAPABILITIES: Capabilities = {
  ...PROCESS_CAPABILITIES,
  protections: [...PROCESS_CAPABILITIES.protections, 'sandbox', 'permission-model', 'heap-limit', 'clean-env'],
};
