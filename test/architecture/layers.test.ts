/** The layers the style guide asks for: core imports no transport; transports import no CLI or benchmark. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)));
}

describe('layers', () => {
  it('keeps src/core free of transports, commands and the benchmark', async () => {
    for (const file of await sourceFiles('src/core')) {
      for (const target of await importsOf(file)) {
        expect(target, `${file} imports ${target}`).toMatch(/^src\/core\//);
      }
    }
  });

  it('keeps transports free of the CLI and benchmark code', async () => {
    for (const file of await sourceFiles('transports')) {
      for (const target of await importsOf(file)) {
        expect(target, `${file} imports ${target}`).not.toMatch(/^src\/(commands|cli|bench|report|compare|demo|targets)\//);
      }
    }
  });
});
