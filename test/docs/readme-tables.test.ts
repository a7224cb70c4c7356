/** The README's generated tables match what the tool generates from the descriptors today. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TARGETS_TABLE_END, TARGETS_TABLE_START, targetsMarkdown } from '../../src/targets/targets-markdown.js';
import { listTargets } from '../../transports/catalog.js';

describe('README', () => {
  it('shows the targets table exactly as `plugbench list --markdown` prints it', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(TARGETS_TABLE_START);
    const end = readme.indexOf(TARGETS_TABLE_END);
    expect(start, 'README.md has no generated targets table').toBeGreaterThanOrEqual(0);
    const table = readme.slice(start + TARGETS_TABLE_START.length, end).trim();
    expect(table, 'regenerate it: plugbench list --markdown').toBe(targetsMarkdown(listTargets().map((entry) => entry.descriptor)));
  });
});
