/**
 * A target's facts are declared once, in transports/<name>/descriptor.ts. No
 * other source file names a target (a table keyed by target name is a second
 * place its facts live and will drift): the code reads the descriptor instead.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTargets } from '../../transports/catalog.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const names = listTargets().map((entry) => entry.name);
/** Files that define the families and plugin kinds, some of which share a target's name ('in-process', 'lua', 'wasm'). */
const VOCABULARY = new Set(['src/core/transport.ts', 'src/core/descriptor.ts', 'src/core/plugin-kinds.ts']);

/** The code of a file without its comments, and without the lines that name a family, language or plugin kind. */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .split('\n')
    .filter((line) => !/^\s*(family|language|accepts):/.test(line) && !/\bplugin: \{ language:/.test(line))
    .join('\n');
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('one source of truth', () => {
  it('names no target outside its own transport folder', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('transports'))];
    const offences: string[] = [];
    for (const file of files.filter((candidate) => !VOCABULARY.has(candidate))) {
      const text = codeOf(await readFile(path.join(ROOT, file), 'utf8'));
      for (const name of names) {
        if (file.startsWith(`transports/${name}/`)) continue;
        if (text.includes(`'${name}'`) || text.includes(`"${name}"`)) offences.push(`${file} names '${name}'`);
      }
    }
    expect(offences).toEqual([]);
  });
});
