/**
 * Picks the Python interpreter for a plugin: PLUGBENCH_PYTHON, then python3, then
 * /usr/bin/python3 (the first python3 on PATH may be a pyenv or virtualenv that
 * cannot import Debian's packages), the first that imports every module needed.
 */
import { execa } from 'execa';

export type PythonPick = { ok: true; interpreter: string } | { ok: false; reason: string };

const APT_PACKAGES: Readonly<Record<string, string>> = { zmq: 'python3-zmq', grpc: 'python3-grpcio' };
const PIP_PACKAGES: Readonly<Record<string, string>> = { zmq: 'pyzmq', grpc: 'grpcio' };

const cache = new Map<string, Promise<PythonPick>>();

export function pickPython(modules: readonly string[]): Promise<PythonPick> {
  const key = modules.join(',');
  let pick = cache.get(key);
  if (!pick) {
    pick = search(modules);
    cache.set(key, pick);
  }
  return pick;
}

async function search(modules: readonly string[]): Promise<PythonPick> {
  const candidates = [process.env.PLUGBENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  const tried: string[] = [];
  for (const candidate of candidates) {
    const probe = await execa(candidate, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], { reject: false, timeout: 10_000 });
    if (probe.exitCode === 0) return { ok: true, interpreter: candidate };
    tried.push(`${candidate}: ${probe.failed && probe.exitCode === undefined ? 'not found' : lastLine(probe.stderr)}`);
  }
  const apt = modules.map((m) => APT_PACKAGES[m] ?? `python3-${m}`).join(' ');
  const pip = modules.map((m) => PIP_PACKAGES[m] ?? m).join(' ');
  return {
    ok: false,
    reason: `no Python interpreter imports ${modules.join(', ')} (tried ${tried.join('; ')}); install it with \`apt-get install ${apt}\` or \`pip install ${pip}\`, or set PLUGBENCH_PYTHON to an interpreter that has it`,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? 'failed';
}
