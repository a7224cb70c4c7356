/**
 * isolation: the audit's probes (read a secret file or env var, spawn, connect,
 * touch the host, allocate without bound, loop forever) tried on this target,
 * plain and sandboxed; one row per probe with the measured outcome.
 */
import { runIsolationAudit } from '../../audit/run-audit.js';
import type { Suite } from '../suite.js';

export const isolationSuite: Suite = {
  name: 'isolation',
  summary: 'the isolation probes tried for real, plain and sandboxed: blocked, allowed, or host crashed (opt-in; see plugbench audit)',
  run: async (ctx) => (await runIsolationAudit({ targets: [ctx.target.name], onProgress: ctx.progress })).results,
};
