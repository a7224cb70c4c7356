/**
 * Picks the Python interpreter for a plugin: the first of PLUGBENCH_PYTHON,
 * `python3` and `/usr/bin/python3` that imports every module the plugin needs.
 * The first python3 on PATH may be a pyenv or virtualenv interpreter that
 * cannot see Debian's packages (python3-grpcio), which /usr/bin/python3 can.
 */
import { execa } from 'execa';
import type { Availability } from '../../src/core/transport.js';

export const PYTHON_ENV = 'PLUGBENCH_PYTHON';

export interface PythonRequirement {
  /** Modules the plugin imports beyond the standard library. */
  modules: readonly string[];
  /** How to install them, for the unavailable reason. */
  installHint: string;
}

export type PythonChoice = { available: true; python: string } | { available: false; reason: string };

const cache = new Map<string, Promise<PythonChoice>>();

function candidates(): string[] {
  const fromEnv = process.env[PYTHON_ENV];
  return [...new Set([...(fromEnv ? [fromEnv] : []), 'python3', '/usr/bin/python3'])];
}

/** The first interpreter that imports `requirement.modules` (cached per process). */
export function findPython(requirement: PythonRequirement): Promise<PythonChoice> {
  const key = [...candidates(), '|', ...requirement.modules].join(' ');
  let found = cache.get(key);
  if (!found) {
    found = search(requirement);
    cache.set(key, found);
  }
  return found;
}

async function search(requirement: PythonRequirement): Promise<PythonChoice> {
  const check = ['import sys', 'assert sys.version_info >= (3, 8), "Python 3.8 or newer is needed"', ...requirement.modules.map((m) => `import ${m}`)].join('; ');
  const tried: string[] = [];
  for (const python of candidates()) {
    const result = await execa(python, ['-c', check], { reject: false, timeout: 15_000, stdin: 'ignore' });
    if (result.exitCode === 0) return { available: true, python };
    const why = result.failed && result.exitCode === undefined ? 'not found' : (result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.exitCode}`);
    tried.push(`${python}: ${why}`);
  }
  const needs = requirement.modules.length > 0 ? `a Python 3 that can import ${requirement.modules.join(', ')}` : 'Python 3.8 or newer';
  return {
    available: false,
    reason: `needs ${needs}; tried ${tried.join('; ')}. ${requirement.installHint} (or set ${PYTHON_ENV} to an interpreter that has it)`,
  };
}

export function toAvailability(choice: PythonChoice): Availability {
  return choice.available ? { available: true } : choice;
}

/** A Python target's availability: an interpreter that imports what it needs, or the command that installs it. */
export async function pythonAvailability(requirement: PythonRequirement): Promise<Availability> {
  return toAvailability(await findPython(requirement));
}
