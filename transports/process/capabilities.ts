/** What a plugin in its own process offers, whatever the channel or language. */
import type { Capabilities } from '../../src/core/transport.js';

export const PROCESS_CAPABILITIES: Capabilities = {
  hangRecoverable: true,
  hangNote: 'the call gets TIMEOUT; under the supervisor (src/core/supervisor.ts) a plugin that then fails its health check is killed and restarted',
  crashIsolated: true,
  callbacks: true,
  protections: ['separate-process', 'magic-cookie', 'no-orphans'],
};
