// Builds the Go plugins (sample-plugins/go) into dist/sample-plugins/go/, and
// the Go test fixtures (test/fixtures/go, when present) into
// dist/test/fixtures/go/, offline: GOPATH mode (GO111MODULE=off) over Debian's
// golang-*-dev sources in /usr/share/gocode, GOPROXY=off, static binaries.
// Run by `npm run build`, so by `npm install` through prepare. It never fails
// the install: what cannot be built is recorded with the reason and the apt
// command that fixes it in dist/sample-plugins/go/build.json, which the Go
// targets show as the reason they are unavailable. Cached: when the sources,
// this script and the Go version are those of the last build, nothing runs.
// PLUGBENCH_GO_DIST builds the samples into another folder (tests use it);
// `node scripts/build-go.mjs --test` runs the Go unit tests with the same setup.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.join(root, 'sample-plugins', 'go');
const fixtures = path.join(root, 'test', 'fixtures', 'go');
const outputs = {
  samples: path.resolve(process.env.PLUGBENCH_GO_DIST ?? path.join(root, 'dist', 'sample-plugins', 'go')),
  fixtures: path.join(root, 'dist', 'test', 'fixtures', 'go'),
};
const statusFile = path.join(outputs.samples, 'build.json');
const DEBIAN_ROOT = '/usr/share/gocode';
const APT = {
  go: 'apt-get install golang-go',
  goPlugin: 'apt-get install golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev',
};
const FIX = 'then run npm run build:go';

/** What to build: the standard-library plugins need only Go, the go-plugin ones go-plugin's sources too. */
const GROUPS = [
  { needs: 'go', packages: [['samples', 'plugbench/cmd/go-netrpc-revert'], ['samples', 'plugbench/cmd/go-stdio-rpc-revert'], ['fixtures', 'logging-go-netrpc'], ['fixtures', 'logging-go-stdio-rpc']] },
  { needs: 'goPlugin', packages: [['samples', 'plugbench/cmd/go-plugin-revert'], ['samples', 'plugbench/cmd/go-plugin-host'], ['fixtures', 'logging-go-plugin']] },
];

const withFixtures = existsSync(path.join(fixtures, 'src'));
const gopath = [samples, ...(withFixtures ? [fixtures] : []), ...(existsSync(DEBIAN_ROOT) ? [DEBIAN_ROOT] : [])].join(path.delimiter);
const env = {
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: gopath,
  GOCACHE: path.join(root, 'build', 'go-cache'),
  GOFLAGS: '',
  GOPROXY: 'off',
  CGO_ENABLED: '0',
};

/** Every source file under `dir`, sorted, for the cache key. */
async function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && /\.(go|proto|json|sh)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

async function cacheKey(goVersion) {
  // What is installed is part of the key: adding go-plugin's sources later rebuilds.
  const hash = createHash('sha256').update(goVersion).update(gopath).update(missing('goPlugin', goVersion) ?? 'go-plugin sources found');
  for (const file of [fileURLToPath(import.meta.url), ...(await sourceFiles(samples)), ...(await sourceFiles(fixtures))]) {
    hash.update(path.relative(root, file)).update(await readFile(file));
  }
  return hash.digest('hex');
}

const binaryOf = ([kind, pkg]) => path.join(outputs[kind], path.basename(pkg));

async function readStatus() {
  try {
    return JSON.parse(await readFile(statusFile, 'utf8'));
  } catch {
    return undefined;
  }
}

async function record(status) {
  await mkdir(outputs.samples, { recursive: true });
  await writeFile(statusFile, JSON.stringify({ ...status, at: new Date().toISOString() }, null, 2) + '\n');
  for (const [name, outcome] of Object.entries(status.binaries)) {
    console.log(outcome.ok ? `build-go: ${outcome.path}` : `build-go: ${name} not built: ${outcome.reason}`);
  }
}

/** Why a group cannot be built here, or undefined when it can. */
function missing(needs, goVersion) {
  if (!goVersion) return `Go is not installed (no go on PATH); ${APT.goPlugin}, ${FIX}`;
  if (needs === 'goPlugin' && !gopath.split(path.delimiter).some((dir) => existsSync(path.join(dir, 'src', 'github.com', 'hashicorp', 'go-plugin')))) {
    return `go-plugin's sources are not installed (looked in ${gopath}); ${APT.goPlugin}, ${FIX}`;
  }
  return undefined;
}

function build(packages) {
  const results = {};
  for (const entry of packages) {
    const output = binaryOf(entry);
    const run = spawnSync('go', ['build', '-trimpath', '-o', output, entry[1]], { cwd: root, env, encoding: 'utf8' });
    const said = `${run.stderr ?? ''}${run.error?.message ?? ''}`.trim().split('\n').slice(0, 3).join('; ');
    results[path.basename(entry[1])] = run.status === 0 ? { ok: true, path: path.relative(root, output) } : { ok: false, reason: `go build ${entry[1]} failed: ${said}; fix that, ${FIX}` };
  }
  return results;
}

const probe = spawnSync('go', ['version'], { env, encoding: 'utf8' });
const goVersion = probe.status === 0 ? probe.stdout.trim() : undefined;
if (process.argv.includes('--test')) {
  const reason = missing('goPlugin', goVersion);
  if (reason) {
    console.error(`build-go --test: ${reason}`);
    process.exit(2);
  }
  process.exit(spawnSync('go', ['test', 'plugbench/...'], { cwd: root, env, stdio: 'inherit' }).status ?? 1);
}
const key = await cacheKey(goVersion ?? 'no go');
const previous = await readStatus();
const wanted = GROUPS.flatMap((group) => group.packages).filter(([kind]) => kind === 'samples' || withFixtures);
if (previous?.key === key && wanted.every((entry) => previous.binaries?.[path.basename(entry[1])]?.ok === false || existsSync(binaryOf(entry)))) {
  process.exit(0);
}

await mkdir(outputs.samples, { recursive: true });
if (withFixtures) await mkdir(outputs.fixtures, { recursive: true });
const binaries = {};
for (const group of GROUPS) {
  const packages = group.packages.filter(([kind]) => kind === 'samples' || withFixtures);
  const reason = missing(group.needs, goVersion);
  if (reason) for (const [, pkg] of packages) binaries[path.basename(pkg)] = { ok: false, reason };
  else Object.assign(binaries, build(packages));
}
// The record ships in the package: name the GOPATH relative to the checkout, never by its absolute path.
const shippedGopath = gopath.split(path.delimiter).map((dir) => (dir.startsWith(root + path.sep) ? path.relative(root, dir) : dir)).join(path.delimiter);
await record({ key, go: goVersion ?? null, gopath: shippedGopath, binaries });
