/**
 * What a plugin in its own process offers, whatever the channel or language. What a
 * hang does depends on the plugin's runtime, so each language's descriptors add `hang`.
 */
import type { Capabilities } from '../../src/core/transport.js';

export const PROCESS_CAPABILITIES: Omit<Capabilities, 'hang'> = {
  crashIsolated: true,
  callbacks: true,
  protections: ['separate-process', 'magic-cookie', 'no-orphans'],
};

/** A Node plugin process also offers `sandbox`: Node's permission model, a small heap and a clean env (node-runner-spec.ts). */
export const NODE_PROCESS_CAPABILITIES: Capabilities = {
  ...PROCESS_CAPABILITIES,
  // One JavaScript thread: a loop stops the process answering, and the supervisor replaces it.
  hang: 'killed-and-restarted',
  protections: [...PROCESS_CAPABILITIES.protections, 'sandbox', 'permission-model', 'heap-limit', 'clean-env'],
};
