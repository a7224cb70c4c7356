/**
 * isolation: the audit's probes (read a secret file or env var, spawn, connect,
 * touch the host, allocate without bound, loop forever) tried on this target,
 * plain and sandboxed; one row per probe with the measured outcome. The audit
 * itself is passed in by whoever runs the bench (`plugbench bench` passes src/audit's).
 */
import { PluginError } from '../../core/errors.js';
import type { Suite } from '../suite.js';

export const isolationSuite: Suite = {
  name: 'isolation',
  summary: 'the isolation probes tried for real, plain and sandboxed: blocked, allowed, or host crashed (opt-in; see plugbench audit)',
  run: async (ctx) => {
    if (!ctx.isolation) throw new PluginError('INVALID_INPUT', 'the isolation suite needs the audit: pass runBench({ isolation }), as plugbench bench does');
    return ctx.isolation(ctx.target.name, ctx.progress);
  },
};
