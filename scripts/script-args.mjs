/**
 * Flags for the scripts in this folder, parsed the way the CLI treats bad input:
 * a wrong flag or a count that is not a number is one line saying which and the
 * usage, exit 2, before anything runs (a check given `--comparisons x` must not
 * run no comparison and call that a pass). `--help` prints the usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `counts` names options that must be whole numbers, each with its least value;
 * `numbers` names options that must be numbers of at least 0. Returns parseArgs'
 * `values` and `positionals`, and `fail(why)` for the checks only the script knows.
 */
export function scriptArgs({ options, usage, counts = {}, numbers = [], allowPositionals = false }) {
  const script = path.basename(process.argv[1] ?? 'script');
  const fail = (why) => {
    process.stderr.write(`${script}: ${why}\n${usage}\n`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals });
  } catch (error) {
    fail(error.message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  for (const [name, least] of Object.entries(counts)) {
    const text = parsed.values[name];
    if (text !== undefined && !(/^\d+$/.test(text) && Number(text) >= least)) fail(`--${name} must be a whole number of at least ${least}, got "${text}"`);
  }
  for (const name of numbers) {
    const text = parsed.values[name];
    if (text !== undefined && !(text.trim() !== '' && Number(text) >= 0)) fail(`--${name} must be a number of at least 0, got "${text}"`);
  }
  return { ...parsed, fail };
}
