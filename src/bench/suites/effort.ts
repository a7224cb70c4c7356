/**
 * effort: what a plugin author writes for each target, counted from
 * sample-plugins/ as its descriptor's effort facts name them: files, lines of
 * code (no blanks, no comments), build steps, and whether a schema is needed. The seed's fourth wish, ease of use, as numbers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packagePath } from '../../core/runtime-paths.js';
import { countCodeLines } from '../count-lines.js';
import { measuredRow } from '../rows.js';
import type { Suite } from '../suite.js';

/** What compiling a file of this kind takes; files of other kinds run as they are. */
const BUILD_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.ts': 'tsc',
  '.c': 'C compiler',
  '.cc': 'C++ compiler',
  '.cpp': 'C++ compiler',
  '.rs': 'cargo build',
  '.go': 'go build',
  '.zig': 'zig build',
};

const SCHEMA_EXTENSIONS: ReadonlySet<string> = new Set(['.proto', '.fbs', '.capnp', '.thrift', '.avsc']);

export const effortSuite: Suite = {
  name: 'effort',
  summary: 'what a plugin author writes: files, lines of code, build steps, schema needed (from sample-plugins/)',
  async run(context) {
    const spec = context.target.descriptor.effort;
    const schemas = spec.schema ?? spec.files.filter((file) => SCHEMA_EXTENSIONS.has(path.extname(file)));
    const authored = spec.files.filter((file) => !schemas.includes(file));
    const buildSteps = spec.buildSteps ?? [...new Set(authored.flatMap((file) => BUILD_BY_EXTENSION[path.extname(file)] ?? []))];
    const note = `${authored.join(', ')}; build: ${buildSteps.join(', ') || 'none'}`;
    const rows = [
      measuredRow(context.row('lines-of-code', 'lines', 'lower'), [await countLines(authored)], { note }),
      measuredRow(context.row('files', 'count', 'lower'), [authored.length]),
      measuredRow(context.row('build-steps', 'count', 'lower'), [buildSteps.length], { note: buildSteps.join(', ') || 'none' }),
      measuredRow(context.row('schema-files', 'count', 'lower'), [schemas.length], { note: schemas.join(', ') || 'no schema needed' }),
    ];
    if (spec.support && spec.support.length > 0) {
      rows.push(
        measuredRow(context.row('support-lines-of-code', 'lines', 'lower'), [await countLines(spec.support)], {
          note: `runtime shipped beside the plugin: ${spec.support.join(', ')}`,
        }),
      );
    }
    return rows;
  },
};

/** Code lines of sample files, summed. */
async function countLines(files: readonly string[]): Promise<number> {
  const counts = await Promise.all(files.map(async (file) => countCodeLines(await readFile(packagePath('sample-plugins', file), 'utf8'), file)));
  return counts.reduce((a, b) => a + b, 0);
}
