/**
 * Where the native addon is, and why it is missing when it is: the build script
 * (scripts/build-native.mjs) copies the addon to dist/sample-plugins/c, the folder
 * the npm package ships, and records its outcome beside it, so `list` can say why
 * the target is unavailable instead of failing to load it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { builtPath, installedAsDependency } from '../../src/core/runtime-paths.js';
import type { Availability, StartOptions } from '../types.js';

/** The functions the C plugin exports (sample-plugins/c/revert.c). */
export interface NativeAddon {
  revert(text: string): string;
  revertWithPrefix(text: string, host: (name: string, arg: string) => Promise<unknown>): Promise<string>;
  exit(): void;
  hang(): void;
  throwFault(): void;
}

/** The folder holding the built addon and its record; PLUGBENCH_NATIVE_DIR points the loader (and the build) at another one. */
export function nativeOutDir(): string {
  return path.resolve(process.env.PLUGBENCH_NATIVE_DIR ?? builtPath('sample-plugins', 'c'));
}

export function addonPath(options: StartOptions = {}): string {
  return path.resolve(options.pluginPath ?? path.join(nativeOutDir(), 'revert.node'));
}

/** The command that builds the addon: in plugbench's folder, which a dependent reaches through npm explore. */
export function buildNativeCommand(): string {
  return installedAsDependency() ? 'npm explore plugbench -- npm run build:native' : 'npm run build:native';
}

const require = createRequire(import.meta.url);

/** Loads the shared library (dlopen through require); the same file loads once per process. */
export function loadAddon(file: string): NativeAddon {
  return require(file) as NativeAddon;
}

/** Available when the addon loads; otherwise the reason the build recorded, or how to build it. */
export async function addonAvailability(): Promise<Availability> {
  const file = addonPath();
  try {
    loadAddon(file);
    return { available: true };
  } catch (error) {
    const recorded = await readBuildStatus();
    if (recorded && !recorded.ok && recorded.reason) return { available: false, reason: recorded.reason };
    const why = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? `${file} is not built` : `${file} does not load: ${(error as Error).message}`;
    return { available: false, reason: `${why}; run ${buildNativeCommand()} (needs a C compiler)` };
  }
}

async function readBuildStatus(): Promise<{ ok: boolean; reason?: string } | undefined> {
  try {
    return JSON.parse(await readFile(path.join(nativeOutDir(), 'plugbench-build.json'), 'utf8')) as { ok: boolean; reason?: string };
  } catch {
    return undefined;
  }
}
