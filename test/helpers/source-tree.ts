/** The repository's TypeScript sources, parsed with the compiler, for the architecture tests. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Repository-relative paths of the .ts files under `dir` (declaration files excluded). */
export async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .sort();
}

export async function parseSource(file: string): Promise<ts.SourceFile> {
  return ts.createSourceFile(file, await readFile(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every relative module a file imports or re-exports (static, type-only, `import('…')` types and dynamic), as repository-relative paths. */
export function importsOf(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const dir = path.dirname(path.join(ROOT, source.fileName));
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => path.relative(ROOT, path.resolve(dir, specifier)));
}

/** A tsconfig file (JSON with comments), as the compiler reads it. */
export async function readTsconfig(file: string): Promise<{ include?: string[]; references?: { path: string }[] }> {
  const parsed = ts.parseConfigFileTextToJson(file, await readFile(path.join(ROOT, file), 'utf8'));
  if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
  return parsed.config as { include?: string[]; references?: { path: string }[] };
}
