/**
 * The versions of the libraries the targets are built on, for the results file:
 * a change of grpc-js or grpcio explains a change of latency as well as a commit
 * does. npm packages are read from their package.json (nothing is imported);
 * Python modules are asked only when the run has a Python target.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { execa } from 'execa';
import type { Target } from '../core/transport.js';

const NPM_LIBRARIES = ['@grpc/grpc-js', 'vscode-jsonrpc', 'zeromq', 'quickjs-emscripten', 'wasmoon'] as const;

/** pip name and the module that carries `__version__`. */
const PYTHON_LIBRARIES = [
  { name: 'grpcio', module: 'grpc' },
  { name: 'protobuf', module: 'google.protobuf' },
  { name: 'pyzmq', module: 'zmq' },
] as const;

const require = createRequire(import.meta.url);

async function npmVersion(name: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** A module's version from the interpreter a Python target would pick for it; undefined where none imports it. */
async function pythonVersion(module: string): Promise<string | undefined> {
  const { findPython } = await import('../../transports/python/find-python.js');
  const choice = await findPython({ modules: [module], installHint: '' });
  if (!choice.available) return undefined;
  const run = await execa(choice.python, ['-c', `import ${module} as m; print(m.__version__)`], { reject: false, timeout: 10_000 });
  return run.exitCode === 0 ? run.stdout.trim() : undefined;
}

/** npm packages by name; Python modules as "python <pip name>", asked only when `targets` include a Python plugin. */
export async function libraryVersions(targets: readonly Target[]): Promise<Record<string, string>> {
  const python = targets.some((target) => target.descriptor?.plugin.language === 'python');
  const found: Array<Promise<[string, string | undefined]>> = [
    ...NPM_LIBRARIES.map(async (name): Promise<[string, string | undefined]> => [name, await npmVersion(name)]),
    ...(python ? PYTHON_LIBRARIES.map(async ({ name, module }): Promise<[string, string | undefined]> => [`python ${name}`, await pythonVersion(module)]) : []),
  ];
  const versions: Record<string, string> = {};
  for (const [name, version] of await Promise.all(found)) if (version !== undefined) versions[name] = version;
  return versions;
}
