/**
 * Planted changes made by editing result files, for what no honest code switch
 * can produce cheaply: a 3x slower start, 3 more failed calls per crash, -30%
 * throughput. Each edit rewrites the raw samples of one target's rows in every
 * head run of an A/A comparison (and the medians from them), so compare sees
 * the machine's real run-to-run noise with the planted change on top.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { median } from 'simple-statistics';

export const EDITS = {
  'start-3x': {
    what: 'a 3x slower start (start-to-first-call and first-start samples x3)',
    rows: (row) => row.suite === 'startup' && (row.metric === 'start-to-first-call' || row.metric === 'first-start'),
    edit: (value) => value * 3,
  },
  'recovery-3-failed': {
    what: '3 more failed calls per crash in recovery (calls-failed samples +3)',
    rows: (row) => row.suite === 'recovery' && row.metric === 'calls-failed',
    edit: (value) => value + 3,
  },
  'throughput-30': {
    what: '-30% throughput (calls-per-second samples x0.7 at 1, 16 and 64 in flight)',
    rows: (row) => row.suite === 'throughput',
    edit: (value) => value * 0.7,
  },
};

/** The targets an edit applies to: those with an ok row of its kind in every head run. */
export async function editableTargets(headDir, kind) {
  const runs = await readRuns(headDir);
  const targets = runs[0].results.results.filter((row) => EDITS[kind].rows(row) && row.status === 'ok').map((row) => row.target);
  return [...new Set(targets)].filter((target) => runs.every((run) => run.results.results.some((row) => row.target === target && EDITS[kind].rows(row) && row.status === 'ok')));
}

/** Writes `outDir` as a copy of `headDir` with edit `kind` applied to `target`; returns the keys of the edited rows. */
export async function writeEditedRuns(headDir, outDir, kind, target) {
  const { rows, edit } = EDITS[kind];
  await mkdir(outDir, { recursive: true });
  const edited = new Set();
  for (const { name, results } of await readRuns(headDir)) {
    for (const row of results.results) {
      if (row.target !== target || !rows(row) || row.status !== 'ok') continue;
      row.samples = row.samples.map(edit);
      row.median = median(row.samples);
      edited.add(`${row.suite} ${row.metric}`);
    }
    await writeFile(path.join(outDir, name), JSON.stringify(results));
  }
  return [...edited];
}

async function readRuns(dir) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, results: JSON.parse(await readFile(path.join(dir, name), 'utf8')) })));
}
