/**
 * An in-memory connection: the plugin is a table of JS functions called on the
 * same thread, with switches to crash it, make it deaf to pings, or delay its
 * start. The runner, the Supervisor and the bench runner are tested against it
 * in milliseconds, beside the conformance suite over every real target.
 */
import type { CallContext, Connection, ConnectionHost, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import { revertText } from '../../src/core/contract.js';
import type { TargetDescriptor } from '../../src/core/descriptor.js';
import { PluginError } from '../../src/core/errors.js';

export type MemoryMethod = (args: unknown[], call: CallContext, host: ConnectionHost) => unknown;

export interface MemoryPlugin {
  /** Every connection this plugin opened, newest last. */
  readonly opened: MemoryConnection[];
  open: OpenConnection;
}

export interface MemoryOptions {
  methods?: Record<string, MemoryMethod>;
  /** Delay each open by this long (a slow start). */
  openDelayMs?: number;
  /** Fail every open with this error. */
  openError?: PluginError;
}

export const SAMPLE_METHODS: Record<string, MemoryMethod> = {
  revert: ([text]) => revertText(String(text)),
  revertWithPrefix: async ([text], call, host) => `${(await host.hostCall('getConfig', ['prefix'], call.depth)) ?? ''}${revertText(String(text))}`,
  stall: () => new Promise(() => {}),
  sleep: ([ms]) => new Promise((resolve) => setTimeout(() => resolve('slept'), Number(ms))),
  fail: ([message]) => Promise.reject(new PluginError('PLUGIN_ERROR', String(message))),
  exit: () => null,
};

export class MemoryConnection implements Connection {
  closes = 0;
  deaf = false;
  readonly abandoned: unknown[] = [];

  constructor(
    readonly request: OpenRequest,
    private readonly methods: Record<string, MemoryMethod>,
  ) {}

  async send(method: string, args: unknown[], call: CallContext): Promise<unknown> {
    const fn = this.methods[method];
    if (!fn) throw new PluginError('METHOD_NOT_FOUND', `no method ${method}`);
    if (method === 'stall') call.signal.addEventListener('abort', () => this.abandoned.push(call.signal.reason), { once: true });
    return fn(args, call, this.request.host);
  }

  ping(): Promise<void> {
    return this.deaf ? new Promise(() => {}) : Promise.resolve();
  }

  async close(): Promise<void> {
    this.closes++;
  }

  /** The plugin dies on its own. */
  crash(exitCode = 70): void {
    this.request.host.closed({ code: 'CRASHED', message: `memory plugin exited with code ${exitCode}`, exitCode, signal: null });
  }
}

export function memoryPlugin(options: MemoryOptions = {}): MemoryPlugin {
  const opened: MemoryConnection[] = [];
  return {
    opened,
    open: async (request) => {
      if (options.openDelayMs) await new Promise((resolve) => setTimeout(resolve, options.openDelayMs));
      if (options.openError) throw options.openError;
      const connection = new MemoryConnection(request, { ...SAMPLE_METHODS, ...options.methods });
      request.host.event({ type: 'step', name: 'open', ms: 0, detail: 'in memory' });
      opened.push(connection);
      return connection;
    },
  };
}

/** A descriptor whose plugin lives in memory, for tests that go through the catalog, the Supervisor or the bench. */
export function memoryDescriptor(name: string, plugin: MemoryPlugin, overrides: Partial<TargetDescriptor> = {}): TargetDescriptor {
  return {
    name,
    family: 'in-process',
    channel: 'function',
    description: 'a plugin in memory, for tests',
    capabilities: { hang: 'interrupted', crashIsolated: true, callbacks: true, connectable: false, garbage: 'refused', protections: [] },
    plugin: { language: 'typescript', sampleFile: 'dist/sample-plugins/typescript/revert-plugin.js', accepts: ['js-module'] },
    effort: { files: ['typescript/revert-plugin.ts'] },
    load: async () => ({ open: plugin.open }),
    ...overrides,
  };
}
