/**
 * Picks what a Node plugin process runs: the runner's one-file bundle beside it
 * (scripts/build-runners.mjs) when it was built from the compiled files that are
 * there now, else the runner itself. A bundle is checked once per host process,
 * by the hashes of plugbench's files it was built from, so a `tsc -b` after
 * `npm run build` runs the new code, never a stale bundle.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/core/runtime-paths.js';

const chosen = new Map<string, string>();

/** The file to run for the runner `entry` (a compiled .js): its fresh bundle, or itself. */
export function runnerFile(entry: string): string {
  let file = chosen.get(entry);
  if (file === undefined) {
    file = freshBundle(entry) ?? entry;
    chosen.set(entry, file);
  }
  return file;
}

interface BundleInputs {
  bundle: string;
  /** Package-relative path -> sha256 of the file the bundle was built from. */
  inputs: Record<string, string>;
}

function freshBundle(entry: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(entry.replace(/\.js$/, '.inputs.json'), 'utf8')) as BundleInputs;
    const root = packageRoot();
    for (const [file, hash] of Object.entries(manifest.inputs)) {
      if (createHash('sha256').update(readFileSync(path.join(root, file))).digest('hex') !== hash) return undefined;
    }
    return path.join(path.dirname(entry), manifest.bundle);
  } catch {
    // No bundle built (tsc -b alone), or one of its files is gone: run the runner itself.
    return undefined;
  }
}
