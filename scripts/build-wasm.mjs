// Compiles the AssemblyScript plugin to dist/sample-plugins/assemblyscript/revert.wasm
// (run by `npm run build`, so by `npm install` through prepare). Skips the work when
// the .wasm is newer than its source and this script. Without the assemblyscript devDependency it
// says so and leaves the wasm target unavailable, without failing the install.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'sample-plugins', 'assemblyscript', 'revert.ts');
const output = path.join(root, 'dist', 'sample-plugins', 'assemblyscript', 'revert.wasm');

const mtime = (file) => stat(file).then((info) => info.mtimeMs, () => -1);
const script = fileURLToPath(import.meta.url);
if ((await mtime(output)) > Math.max(await mtime(source), await mtime(script))) process.exit(0);

let asc;
try {
  asc = (await import('assemblyscript/asc')).default;
} catch (error) {
  console.warn(`build-wasm: assemblyscript is not installed (${error.message}); the wasm target stays unavailable. Run npm install (with dev dependencies).`);
  process.exit(0);
}
await mkdir(path.dirname(output), { recursive: true });
// 4096 pages of 64 KiB: the plugin's memory cannot grow past 256 MiB.
const { error, stderr } = await asc.main([source, '--outFile', output, '--optimize', '--noAssert', '--maximumMemory', '4096']);
if (error) {
  console.error(`build-wasm: ${error.message}\n${stderr.toString()}`);
  process.exit(1);
}
console.log(`build-wasm: ${path.relative(root, output)}`);
