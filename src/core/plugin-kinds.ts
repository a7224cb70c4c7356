/**
 * What `--plugin` files each kind of plugin is, and the checks a start makes
 * against the target's descriptor before anything runs: a target refuses a
 * plugin it cannot run, and `--connect` only goes to a target that can connect.
 */
import path from 'node:path';
import type { PluginKind, TargetDescriptor } from './descriptor.js';
import { PluginError } from './errors.js';
import type { StartOptions } from './transport.js';

/** TypeScript plugin files: loaded through tsx (src/core/load-plugin.ts), since Node 20 cannot strip types itself. */
export const TYPESCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.mts'];

export function isTypescriptFile(file: string): boolean {
  return TYPESCRIPT_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** File endings by kind; a kind with none (a Go binary) accepts any file. */
export const PLUGIN_KIND_EXTENSIONS: Readonly<Record<PluginKind, readonly string[]>> = {
  'js-module': ['.mjs', '.js', '.cjs', ...TYPESCRIPT_EXTENSIONS],
  'js-script': ['.js', '.cjs'],
  python: ['.py'],
  lua: ['.lua'],
  wasm: ['.wasm'],
  'native-addon': ['.node'],
  'go-binary': [],
};

/** True when `file` is a plugin of one of the kinds `descriptor` accepts. */
export function acceptsPluginFile(descriptor: TargetDescriptor, file: string): boolean {
  const extension = path.extname(file).toLowerCase();
  return descriptor.plugin.accepts.some((kind) => {
    const endings = PLUGIN_KIND_EXTENSIONS[kind];
    return endings.length === 0 || endings.includes(extension);
  });
}

/** Throws INVALID_INPUT when `options` ask `descriptor` for something it cannot do. */
export function checkStartOptions(descriptor: TargetDescriptor, options: StartOptions): void {
  const { name, plugin, capabilities } = descriptor;
  if (options.pluginPath !== undefined) {
    if (plugin.accepts.length === 0) {
      throw new PluginError('INVALID_INPUT', `${name} runs a plugin compiled into the host and takes no plugin file; pick a target that loads files (plugbench list)`);
    }
    if (!acceptsPluginFile(descriptor, options.pluginPath)) {
      const endings = plugin.accepts.flatMap((kind) => PLUGIN_KIND_EXTENSIONS[kind]);
      throw new PluginError('INVALID_INPUT', `${name} cannot run ${path.basename(options.pluginPath)}: it takes ${plugin.accepts.join(' or ')} plugins (${endings.join(', ')})`, {
        data: { accepts: plugin.accepts },
      });
    }
  }
  if (options.sandbox && options.pluginPath !== undefined && isTypescriptFile(options.pluginPath) && capabilities.protections.includes('permission-model')) {
    throw new PluginError('INVALID_INPUT', `${name}'s sandbox (Node's permission model) forbids the module hooks and the compiler process a TypeScript plugin needs; compile ${path.basename(options.pluginPath)} to .js (tsc) and pass that, or run without --sandbox`);
  }
  if (options.endpoint !== undefined && !capabilities.connectable) {
    throw new PluginError('INVALID_INPUT', `${name} cannot connect to a plugin that is already running; --connect works with targets whose capabilities say connectable (plugbench list)`);
  }
}
