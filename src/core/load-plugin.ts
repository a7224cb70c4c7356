/** Loads a JavaScript or TypeScript plugin file by path, as a fresh module instance, and checks its contract. */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { PluginError, toPluginError } from './errors.js';
import { isTypescriptFile } from './plugin-kinds.js';
import { checkPluginModule, type PluginModule } from './plugin-module.js';

let importGeneration = 0;
let typescriptImport: Promise<(url: string) => Promise<unknown>> | undefined;

/**
 * Imports `file` and checks it against the contract. Each call imports a new
 * module URL, so a file that changed since the last import runs its new code.
 * Every runner (dynamic import, worker, child process) loads plugins here, so a
 * TypeScript plugin works wherever a JavaScript one does.
 */
export async function importPlugin(file: string): Promise<PluginModule> {
  try {
    await stat(file);
  } catch (error) {
    throw new PluginError('START_FAILED', `plugin file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const url = pathToFileURL(file);
  url.searchParams.set('generation', String(++importGeneration));
  let namespace: unknown;
  try {
    namespace = isTypescriptFile(file) ? await (await loadTypescript())(url.href) : await import(url.href);
  } catch (error) {
    throw new PluginError('START_FAILED', `plugin file ${file} failed to load: ${toPluginError(error).message}`, { cause: error });
  }
  return checkPluginModule(namespace, file);
}

/**
 * tsx's loader, imported only when a TypeScript plugin is loaded and registered
 * once per thread in its own namespace: it compiles the plugin and what the
 * plugin imports, and leaves every other import in the process to Node.
 */
function loadTypescript(): Promise<(url: string) => Promise<unknown>> {
  typescriptImport ??= import('tsx/esm/api').then(({ register }) => {
    const scoped = register({ namespace: 'plugbench-plugin' });
    return (url: string) => scoped.import(url, import.meta.url) as Promise<unknown>;
  });
  return typescriptImport;
}
