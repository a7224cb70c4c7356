/**
 * The plain-script plugin format shared by the vm and quickjs targets: a file of
 * top-level functions (`revert`, `exit`, optional `revertWithPrefix`), like an
 * Otto or goja script. This reads the file and checks what the prelude found in it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REQUIRED_METHODS } from '../../src/core/contract.js';
import { PluginError } from '../../src/core/errors.js';

export interface ScriptSource {
  file: string;
  code: string;
}

/** What the prelude's describe() reports about a loaded script. */
export interface ScriptDescription {
  methods: string[];
  name: string | null;
  version: string | null;
}

export async function readScript(file: string): Promise<ScriptSource> {
  try {
    return { file, code: await readFile(file, 'utf8') };
  } catch (error) {
    throw new PluginError('START_FAILED', `plugin script ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** Parses describe()'s JSON and throws START_FAILED naming every missing function. */
export function checkScript(describeJson: string, file: string): ScriptDescription {
  const description = JSON.parse(describeJson) as ScriptDescription;
  const missing = REQUIRED_METHODS.filter((name) => !description.methods.includes(name));
  if (missing.length > 0) {
    throw new PluginError(
      'START_FAILED',
      `${file} does not meet the plugin contract: missing top-level function${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { data: { missing, source: file } },
    );
  }
  return description;
}

/** "revert 1.0.0" for the narration. */
export function describeScript(description: ScriptDescription, file: string): string {
  return [description.name ?? path.basename(file), description.version].filter(Boolean).join(' ');
}
