/** The README's library snippets are the example files the package test runs, word for word. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFile(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('README library examples', () => {
  it('shows docs/examples/library.ts and library.mjs as they are', async () => {
    const readme = await read('README.md');
    expect(readme, 'copy docs/examples/library.ts into the README').toContain('```ts\n' + (await read('docs/examples/library.ts')) + '```');
    expect(readme, 'copy docs/examples/library.mjs into the README').toContain('```js\n' + (await read('docs/examples/library.mjs')) + '```');
  });
});
