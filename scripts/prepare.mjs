// npm's prepare: builds everything the default run needs when plugbench is
// installed as a checkout (`npm install` on a clone, or a linked folder), so
// `npm install && npx plugbench bench --quick` works there. It does nothing for
// `npm pack`/`npm publish`, whose prepack already built what the tarball ships,
// nor inside a dependent's node_modules, where the package arrives built.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
if (packing || root.split(path.sep).includes('node_modules')) process.exit(0);
const npm = process.env.npm_execpath;
const run = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
