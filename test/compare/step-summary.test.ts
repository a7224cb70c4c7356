import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary } from '../../src/compare/step-summary.js';
import { useTempDir } from '../helpers/bench-results.js';
import { expectCode } from '../helpers/expect-code.js';

const tempDir = useTempDir();

describe('appendStepSummary', () => {
  it('does nothing outside GitHub Actions', async () => {
    expect(await appendStepSummary('# hi', {})).toBeNull();
  });

  it('appends to the file, keeping what earlier steps wrote', async () => {
    const file = await tempDir().write('summary.md', 'earlier\n');
    expect(await appendStepSummary('## compare', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    expect(await readFile(file, 'utf8')).toBe('earlier\n## compare\n');
  });

  it('names the file when it cannot append', async () => {
    const file = path.join(tempDir().dir, 'no-such-folder', 'summary.md');
    const error = await expectCode(appendStepSummary('x', { GITHUB_STEP_SUMMARY: file }), 'INVALID_INPUT');
    expect(error.message).toBe(`cannot append to GITHUB_STEP_SUMMARY file ${file} (ENOENT)`);
  });
});
