/**
 * The contract for plugins written as JavaScript modules (in-process,
 * dynamic-import, worker, child processes, vm, quickjs): which exports a module
 * needs, and how the host checks them before running anything.
 */
import { PluginError } from './errors.js';
import { REQUIRED_METHODS } from './contract.js';

/** What a plugin method receives as its last argument: a way back into the host. */
export interface HostClient {
  /** Calls any host function by name. */
  call(name: string, ...args: unknown[]): Promise<unknown>;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): Promise<void>;
  getConfig(key: string): Promise<string | null>;
}

export type PluginMethod = (...args: any[]) => unknown;

/** A loaded plugin module: its methods by name. */
export interface PluginModule {
  readonly methods: Readonly<Record<string, PluginMethod>>;
  readonly name?: string;
  readonly version?: string;
}

/**
 * Checks a module namespace against the contract (a default export object is
 * accepted too) and throws START_FAILED naming every missing export.
 */
export function checkPluginModule(namespace: unknown, source: string): PluginModule {
  const candidate = pickExports(namespace);
  const missing = REQUIRED_METHODS.filter((name) => typeof candidate[name] !== 'function');
  if (missing.length > 0) {
    throw new PluginError(
      'START_FAILED',
      `${source} does not meet the plugin contract: missing exported function${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { data: { missing, source } },
    );
  }
  // fromEntries defines own properties: an export named `__proto__` stays a method, not the table's prototype.
  const methods: Record<string, PluginMethod> = Object.fromEntries(Object.entries(candidate).filter((entry): entry is [string, PluginMethod] => typeof entry[1] === 'function'));
  return {
    methods,
    ...(typeof candidate.name === 'string' ? { name: candidate.name } : {}),
    ...(typeof candidate.version === 'string' ? { version: candidate.version } : {}),
  };
}

function pickExports(namespace: unknown): Record<string, unknown> {
  if (typeof namespace !== 'object' || namespace === null) return {};
  const record = namespace as Record<string, unknown>;
  const fallback = record.default;
  if (typeof record.revert !== 'function' && typeof fallback === 'object' && fallback !== null) {
    return fallback as Record<string, unknown>;
  }
  return record;
}
