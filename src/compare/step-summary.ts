/** GitHub Actions shows whatever a step appends to the file named by GITHUB_STEP_SUMMARY on the run's page. */
import { appendFile } from 'node:fs/promises';
import { PluginError } from '../core/errors.js';

/** Appends `markdown` when running in GitHub Actions; returns the file written, or null elsewhere. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return null;
  try {
    await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PluginError('INVALID_INPUT', `cannot append to GITHUB_STEP_SUMMARY file ${file} (${reason})`, { cause: error });
  }
  return file;
}
