// Bundles each Node plugin runner (dist/transports/<name>/plugin-main.js) into one
// file beside it, <entry>.bundle.mjs, with esbuild: a plugin process then reads one
// file instead of resolving and loading 30-140 modules, the biggest lever on its
// cold start (docs/decisions/cold-starts.md). Beside each bundle, <entry>.inputs.json
// lists plugbench's compiled files it was built from, by hash; a runner whose files
// changed since (a later `tsc -b`) runs unbundled, so a stale bundle never runs. Runs offline:
// esbuild is a devDependency with its platform binary from npm's registry.
// Usage: node scripts/build-runners.mjs
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The runners a plugin process starts from; native addons (zeromq) and tsx stay outside the bundle. */
const ENTRIES = ['stdio-rpc', 'tcp-jsonrpc', 'tcp-rpc'].map((name) => `dist/transports/${name}/plugin-main.js`);
const EXTERNAL = ['tsx', 'tsx/*', 'zeromq'];

// CommonJS dependencies bundled into an ES module still call require() and read __dirname.
const BANNER = [
  "import { createRequire as __plugbenchCreateRequire } from 'node:module';",
  "import { dirname as __plugbenchDirname } from 'node:path';",
  'const require = __plugbenchCreateRequire(import.meta.url);',
  "const __plugbenchPackageDir = (name, sub) => __plugbenchDirname(require.resolve(name + '/package.json')) + '/' + sub;",
].join('\n');

/**
 * A dependency that finds its own files by __dirname (grpc-health-check's .proto)
 * gets its package folder resolved at run time, wherever npm installed it.
 */
const dirnamePlugin = {
  name: 'package-dirname',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/].*\.js$/ }, async ({ path: file }) => {
      const source = await readFile(file, 'utf8');
      if (!source.includes('__dirname')) return undefined;
      const { name, dir } = await owningPackage(file);
      const sub = path.relative(dir, path.dirname(file)).split(path.sep).join('/');
      return { contents: source.replaceAll('__dirname', `__plugbenchPackageDir(${JSON.stringify(name)}, ${JSON.stringify(sub)})`), loader: 'js' };
    });
  },
};

async function owningPackage(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(await readFile(manifest, 'utf8'));
    if (name) return { name, dir };
  }
  throw new Error(`no package.json above ${file}`);
}

async function bundle(esbuild, entry) {
  const outfile = path.join(root, entry.replace(/\.js$/, '.bundle.mjs'));
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: [dirnamePlugin],
    metafile: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  // plugbench's own compiled code, by content: npm pack resets mtimes, and dependencies are bundled as built.
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const relative = path.relative(root, path.resolve(root, input)).split(path.sep).join('/');
    if (relative.startsWith('dist/')) inputs[relative] = createHash('sha256').update(await readFile(path.join(root, relative))).digest('hex');
  }
  await writeFile(outfile.replace(/\.bundle\.mjs$/, '.inputs.json'), JSON.stringify({ bundle: path.basename(outfile), inputs }, null, 1) + '\n');
  return { outfile, inputs: Object.keys(result.metafile.inputs).length };
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('build-runners: esbuild is not installed (a devDependency); plugin runners run unbundled');
  process.exit(0);
}
for (const entry of ENTRIES) {
  if (!existsSync(path.join(root, entry))) throw new Error(`${entry} is missing: run \`tsc -b\` first`);
  const { outfile, inputs } = await bundle(esbuild, entry);
  // On stderr: `npm pack --json` runs this in prepack, and its stdout is the JSON.
  console.error(`build-runners: ${path.relative(root, outfile)} from ${inputs} modules`);
}
