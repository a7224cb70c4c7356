/** The suites a results file can hold rows of (`row.suite`), in the order a run measures them. */
export const SUITE_NAMES = ['latency', 'throughput', 'payload', 'startup', 'recovery', 'hang', 'effort', 'swap', 'callback', 'isolation', 'scale'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];
