// Builds the C plugin (sample-plugins/c) with node-gyp, offline against the
// headers of the Node.js that runs this script, and copies the addon to
// dist/sample-plugins/c/revert.node: a real file the npm package ships (node-gyp's
// own Release/revert.node is a hard link, which npm drops on install, and its
// build/ folder is full of this machine's absolute paths, so it is not shipped).
// Run by `npm run build` (prepare in a checkout, prepack for the tarball). It never
// fails the build: when the addon cannot be built (no C compiler, no headers, a
// compile error) it records the reason in plugbench-build.json beside the addon,
// which the native target shows as the reason it is unavailable.
// PLUGBENCH_NATIVE_DIR names one folder that holds the sources and receives the build (tests use it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.env.PLUGBENCH_NATIVE_DIR ?? path.join(root, 'sample-plugins', 'c'));
const outDir = path.resolve(process.env.PLUGBENCH_NATIVE_DIR ?? path.join(root, 'dist', 'sample-plugins', 'c'));
const built = path.join(dir, 'build', 'Release', 'revert.node');
const addon = path.join(outDir, 'revert.node');
const statusFile = path.join(outDir, 'plugbench-build.json');
// Installed as a dependency, `npm run` must run in plugbench's folder: npm explore does that.
const FIX = `then run ${root.split(path.sep).includes('node_modules') ? 'npm explore plugbench -- npm run build:native' : 'npm run build:native'}`;

const mtime = (file) => stat(file).then((info) => info.mtimeMs, () => -1);

async function record(status) {
  await mkdir(outDir, { recursive: true });
  if (!status.ok) await rm(addon, { force: true }); // a stale addon would contradict the record
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
  await mkdir(outDir, { recursive: true });
  await copyFile(built, addon);
  // No absolute paths: this record ships in the package.
  await record({ ok: true, node: process.version, napi: process.versions.napi });
} else {
  const lines = `${result.stderr ?? ''}\n${result.error?.message ?? ''}`.split('\n').map((line) => line.trim().slice(0, 200));
  const meaningful = lines.filter((line) => line && !/^gyp (info|WARN|ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok))/.test(line));
  const pointed = meaningful.filter((line) => /error|not found|^gyp:/i.test(line));
  const detail = (pointed.length > 0 ? pointed : meaningful.slice(-3)).slice(0, 3).join('; ');
  await record({ ok: false, reason: `node-gyp could not build the addon (${detail || `exit code ${result.status}`}); fix that, ${FIX}` });
}
