// What a dependent pays on disk for plugbench: packs the tarball, installs it into
// an empty project from npm's cache, and prints the node_modules folders by size
// (du), each with the dependency of plugbench that brings it. docs/package.md
// quotes its output. Usage: node scripts/measure-install-size.mjs [--top N]
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 15;
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
const kib = (folder) => Number(run('du', ['-sk', folder]).split('\t')[0]);
const mib = (value) => `${(value / 1024).toFixed(1)} MiB`;

/** Top-level package folders of node_modules (scoped ones as @scope/name). */
async function packages(modules) {
  const names = [];
  for (const entry of await readdir(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of await readdir(path.join(modules, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  return names;
}

/** For each installed package, plugbench's direct dependencies whose trees hold it. */
function owners(tree) {
  const byName = new Map();
  const visit = (node, owner) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      // npm ls prints each subtree once; a deduped repeat has no dependencies of its own.
      byName.set(name, (byName.get(name) ?? new Set()).add(owner));
      visit(child, owner);
    }
  };
  for (const [name, child] of Object.entries(tree.dependencies?.plugbench?.dependencies ?? {})) {
    byName.set(name, (byName.get(name) ?? new Set()).add(name));
    visit(child, name);
  }
  return byName;
}

const dir = await mkdtemp(path.join(tmpdir(), 'plugbench-size-'));
try {
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  const project = path.join(dir, 'project');
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, filename)], project);
  const modules = path.join(project, 'node_modules');
  const tree = JSON.parse(run('npm', ['ls', '--all', '--json'], project));
  const byName = owners(tree);
  const rows = (await packages(modules)).map((name) => ({ name, size: kib(path.join(modules, name)), by: [...(byName.get(name) ?? [])].sort() }));
  rows.sort((a, b) => b.size - a.size);
  console.log(`node_modules of a project that installs only plugbench: ${mib(kib(modules))} in ${rows.length} packages (du, ${process.platform}-${process.arch})\n`);
  console.log('| package | size | brought by |\n|---|---:|---|');
  const source = (row) => (row.name === 'plugbench' ? '(itself)' : row.by.includes(row.name) ? 'direct dependency' : row.by.join(', '));
  for (const row of rows.slice(0, top)) console.log(`| ${row.name} | ${mib(row.size)} | ${source(row)} |`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
