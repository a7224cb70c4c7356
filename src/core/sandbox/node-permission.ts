/**
 * Node's permission model for plugin processes: the plugin may read its own
 * folder and the files Node needs to run plugbench's entry script, and nothing
 * else; no file writes, child processes, workers, native addons or WASI (none is
 * granted). Node 20 has no network permission, so sockets stay open.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../runtime-paths.js';
import { SANDBOX_HEAP_MB } from './limits.js';

export interface NodePermissionOptions {
  /** Node version of the process that will run (default: this one), e.g. "20.20.2". */
  nodeVersion?: string;
  /** Extra folders or files the plugin process must read (default: plugbench's dist/ and node_modules/). */
  readable?: readonly string[];
}

/** `--experimental-permission` before Node 22.13 / 23.5, `--permission` from there on. */
export function permissionFlag(nodeVersion: string = process.versions.node): '--permission' | '--experimental-permission' {
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const stable = major >= 24 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? '--permission' : '--experimental-permission';
}

/**
 * What plugbench's own plugin runners need to read: its compiled code, its
 * dependencies, and its package.json (runtime-paths finds the package root by it).
 */
export function runtimeReadable(): string[] {
  return [packagePath('dist'), packagePath('node_modules'), packagePath('package.json')].filter((entry) => existsSync(entry));
}

/** The `node` flags that confine a plugin process to reading `pluginDir` (and `readable`). */
export function nodePermissionArgs(pluginDir: string, options: NodePermissionOptions = {}): string[] {
  const readable = [pluginDir, ...(options.readable ?? runtimeReadable())].map((entry) => path.resolve(entry));
  return [
    permissionFlag(options.nodeVersion),
    // The model is stable in behaviour on 20.19+; its "experimental" warning would reach the host as plugin stderr.
    '--disable-warning=ExperimentalWarning',
    ...[...new Set(readable)].map((entry) => `--allow-fs-read=${entry}`),
  ];
}

/** Permission flags plus a small heap: everything `sandbox: true` means for a Node plugin process. */
export function nodeSandboxArgs(pluginDir: string, options: NodePermissionOptions = {}): string[] {
  return [...nodePermissionArgs(pluginDir, options), `--max-old-space-size=${SANDBOX_HEAP_MB}`];
}
