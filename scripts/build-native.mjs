// Builds the C plugin (sample-plugins/c) into build/Release/revert.node with
// node-gyp, offline against the headers of the Node.js that runs this script.
// Run by `npm run build`, so by `npm install` through prepare. It never fails
// the install: when the addon cannot be built (no C compiler, no headers, a
// compile error) it records the reason in build/plugbench-build.json, which the
// native target shows as the reason it is unavailable.
// PLUGBENCH_NATIVE_DIR builds another copy of the folder (tests use it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.env.PLUGBENCH_NATIVE_DIR ?? path.join(root, 'sample-plugins', 'c'));
const addon = path.join(dir, 'build', 'Release', 'revert.node');
const statusFile = path.join(dir, 'build', 'plugbench-build.json');
const FIX = 'then run npm run build:native';

const mtime = (file) => stat(file).then((info) => info.mtimeMs, () => -1);

async function record(status) {
  await mkdir(path.dirname(statusFile), { recursive: true });
  await writeFile(statusFile, JSON.stringify({ ...status, at: new Date().toISOString() }, null, 2) + '\n');
  console.log(status.ok ? `build-native: ${path.relative(root, addon)}` : `build-native: not built: ${status.reason}`);
}

/** The C compiler node-gyp's makefiles will use: $CC, else cc. */
function findCompiler() {
  const cc = process.env.CC || 'cc';
  const probe = spawnSync(cc, ['--version'], { stdio: 'ignore' });
  return probe.error ? { missing: `no C compiler: ${cc} cannot be run (${probe.error.code}); install one (e.g. apt-get install build-essential), ${FIX}` } : { cc };
}

/** node-gyp: the pinned dev dependency, else the copy bundled with npm. */
function findNodeGyp() {
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return process.env.npm_config_node_gyp;
  }
}

/** Node's headers: npm's nodedir setting, else the include folder next to this node binary. */
function findNodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

const sources = await Promise.all(['revert.c', 'binding.gyp'].map((name) => mtime(path.join(dir, name))));
if ((await mtime(addon)) > Math.max(...sources) && (await mtime(statusFile)) > 0) process.exit(0);

const compiler = findCompiler();
if (compiler.missing) {
  await record({ ok: false, reason: compiler.missing });
  process.exit(0);
}
const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  await record({ ok: false, reason: `node-gyp is not installed; run npm install (with dev dependencies), ${FIX}` });
  process.exit(0);
}
const nodeDir = findNodeDir();
const args = [nodeGyp, 'rebuild', '--directory', dir, ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env });
if (result.status === 0) {
  await record({ ok: true, nodeGyp, nodeDir: nodeDir ?? null });
} else {
  const lines = `${result.stderr ?? ''}\n${result.error?.message ?? ''}`.split('\n').map((line) => line.trim().slice(0, 200));
  const meaningful = lines.filter((line) => line && !/^gyp (info|WARN|ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok))/.test(line));
  const pointed = meaningful.filter((line) => /error|not found|^gyp:/i.test(line));
  const detail = (pointed.length > 0 ? pointed : meaningful.slice(-3)).slice(0, 3).join('; ');
  await record({ ok: false, reason: `node-gyp could not build the addon (${detail || `exit code ${result.status}`}); fix that, ${FIX}` });
}
