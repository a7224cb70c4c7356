/**
 * Workers and plugin processes run the compiled files in dist/, so a test run
 * after an edit without a build would test stale code. Every run (also a bare
 * `npx vitest run`) first brings dist/ up to date; `tsc -b` is incremental, so
 * an up-to-date tree costs a second or two.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function buildFirst(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b'], { stdio: 'inherit', cwd: new URL('../..', import.meta.url).pathname });
}
