/**
 * Where plugbench's own files are at run time. Workers and child processes always
 * run compiled JavaScript from dist/, also when the host itself runs from the
 * TypeScript sources (under vitest), so both resolve to the same files.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding plugbench's package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('plugbench: cannot find its package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** True when plugbench runs from a dependent's node_modules (the npm package), false in a checkout. */
export function installedAsDependency(): boolean {
  return packageRoot().split(path.sep).includes('node_modules');
}

/** A file shipped as is (Python, Lua, .proto sources): `<root>/<segments>`. */
export function packagePath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}

/** A compiled file: `<root>/dist/<segments>`, e.g. builtPath('transports/worker/worker-entry.js'). */
export function builtPath(...segments: string[]): string {
  return path.join(packageRoot(), 'dist', ...segments);
}

/** The compiled twin of a file next to the calling module (`import.meta.url`). */
export function builtSibling(fromUrl: string, relative: string): string {
  const here = fileURLToPath(fromUrl);
  const target = path.resolve(path.dirname(here), relative);
  if (!here.endsWith('.ts')) return target;
  const root = packageRoot();
  return path.join(root, 'dist', path.relative(root, target));
}

/** The compiled TypeScript sample plugin: what every JavaScript-module target runs by default. */
export function sampleJsPlugin(): string {
  return builtPath('sample-plugins', 'typescript', 'revert-plugin.js');
}

/** The JavaScript plugin file a target runs: the user's `pluginPath`, else the sample; absolute. */
export function jsPluginFile(options: { pluginPath?: string } = {}): string {
  return path.resolve(options.pluginPath ?? sampleJsPlugin());
}
