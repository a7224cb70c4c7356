/** The variable naming a plugin instance, shared by the host and plugin-entry.ts (which must not be imported: it runs). */
export const INSTANCE_ENV = 'PLUGBENCH_NATS_INSTANCE';
