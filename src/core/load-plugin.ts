/** Loads a JavaScript plugin file by path, as a fresh module instance, and checks its contract. */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { PluginError, toPluginError } from './errors.js';
import { checkPluginModule, type PluginModule } from './plugin-module.js';

let importGeneration = 0;

/**
 * Imports `file` and checks it against the contract. Each call imports a new
 * module URL, so a file that changed since the last import runs its new code.
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
    namespace = await import(url.href);
  } catch (error) {
    throw new PluginError('START_FAILED', `plugin file ${file} failed to load: ${toPluginError(error).message}`, { cause: error });
  }
  return checkPluginModule(namespace, file);
}
