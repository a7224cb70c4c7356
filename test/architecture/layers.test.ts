/**
 * The layers (docs/architecture.md): core imports no transport; transports import
 * no CLI or application; bench, audit, compare and report share src/results and
 * import none of one another. The project references make the compiler refuse such
 * an import; this test names the offending file, and fails if a reference is added to dodge it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, parseSource, readTsconfig, sourceFiles } from '../helpers/source-tree.js';

/** The application modules that share src/results instead of importing one another. */
const PEERS = ['bench', 'audit', 'compare', 'report'] as const;
/** What compare and report may build on: they read results files, nothing else of plugbench. */
const READERS: Record<string, readonly string[]> = { compare: ['core', 'results'], report: ['core', 'results'] };

async function offences(dir: string, allowed: (target: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(dir)) {
    for (const target of importsOf(await parseSource(file))) {
      if (!allowed(target)) found.push(`${file} imports ${target}`);
    }
  }
  return found;
}

const peerOf = (file: string) => PEERS.find((peer) => file.startsWith(`src/${peer}/`));

describe('layers', () => {
  it('keeps src/core free of transports, commands and the application', async () => {
    expect(await offences('src/core', (target) => target.startsWith('src/core/'))).toEqual([]);
  });

  it('keeps transports free of the CLI and the application', async () => {
    expect(await offences('transports', (target) => !/^src\/(?!core\/)/.test(target))).toEqual([]);
  });

  it('keeps src/results on src/core alone', async () => {
    expect(await offences('src/results', (target) => /^src\/(core|results|stats)\//.test(target))).toEqual([]);
  });

  it.each(PEERS)('keeps src/%s free of the other application modules', async (peer) => {
    expect(await offences(`src/${peer}`, (target) => [peer, undefined].includes(peerOf(target)))).toEqual([]);
  });

  it.each(Object.keys(READERS))('lets src/%s read results files and nothing else of plugbench', async (reader) => {
    const layers = [reader, ...READERS[reader]!, 'stats'];
    expect(await offences(`src/${reader}`, (target) => layers.some((layer) => target.startsWith(`src/${layer}/`)))).toEqual([]);
  });

  it.each(PEERS)('gives tsconfig/%s.json no reference to another application module', async (peer) => {
    const config = await readTsconfig(`tsconfig/${peer}.json`);
    expect(config.include).toEqual([`../src/${peer}/**/*.ts`]);
    const references = (config.references ?? []).map((reference) => path.basename(reference.path, '.json'));
    expect(references.filter((name) => PEERS.includes(name as (typeof PEERS)[number]))).toEqual([]);
    if (READERS[peer]) expect(references.sort()).toEqual([...READERS[peer]].sort());
  });
});
