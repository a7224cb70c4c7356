/**
 * A target's facts are declared once, in transports/<name>/descriptor.ts. No
 * other source file names a target (a table keyed by target name is a second
 * place its facts live and will drift): the code reads the descriptor instead.
 * Tests may pick a target to run by name, but a list of targets kept by hand
 * (which ones are single-threaded, which are Go) is a fact: they derive it from
 * the descriptors (test/helpers/targets.ts: targetNamesWhere).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listTargets } from '../../transports/catalog.js';
import { parseSource, ROOT, sourceFiles } from '../helpers/source-tree.js';

const names = listTargets().map((entry) => entry.name);
/** Files that define the families and plugin kinds, some of which share a target's name ('in-process', 'lua', 'wasm'). */
const VOCABULARY = new Set(['src/core/transport.ts', 'src/core/descriptor.ts', 'src/core/plugin-kinds.ts']);
/**
 * Hand-kept lists in tests that no descriptor fact can replace yet, with why: none now. An
 * entry added here wants a typed fact in the descriptors.
 */
const HAND_KEPT_LISTS = new Set<string>([]);

/** The code of a file without its comments, and without the lines that name a family, language or plugin kind. */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .split('\n')
    .filter((line) => !/^\s*(family|language|accepts):/.test(line) && !/\bplugin: \{ language:/.test(line))
    .join('\n');
}

/** The target names among the string literals of an array literal, or of `new Set([...])` / `new Map([...])` over one. */
function targetsListed(initializer: ts.Expression): string[] {
  const list = ts.isNewExpression(initializer) && initializer.arguments?.[0] ? initializer.arguments[0] : initializer;
  if (!ts.isArrayLiteralExpression(list)) return [];
  const strings = list.elements.flatMap((element) => (ts.isArrayLiteralExpression(element) ? element.elements : [element]));
  return strings.filter(ts.isStringLiteral).map((literal) => literal.text).filter((text) => names.includes(text));
}

/** `file: variable` for every variable a test initialises with a hand-written list of two or more targets. */
function handKeptLists(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name) && targetsListed(node.initializer).length >= 2) {
      found.push(`${source.fileName}: ${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
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

  it('keeps no hand-written list of targets in the tests: they derive it from the descriptors', async () => {
    const files = (await sourceFiles('test')).filter((file) => !file.startsWith('test/fixtures/'));
    const lists = (await Promise.all(files.map(async (file) => handKeptLists(await parseSource(file))))).flat();
    expect(lists.filter((list) => !HAND_KEPT_LISTS.has(list))).toEqual([]);
    // An allow-listed entry that is gone must leave the list too.
    expect([...HAND_KEPT_LISTS].filter((entry) => !lists.includes(entry))).toEqual([]);
  });
});
