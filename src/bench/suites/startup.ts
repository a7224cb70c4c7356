/**
 * startup: cold start to the first successful call, over fresh starts, and the
 * memory one instance adds (host RSS delta after a full GC, plus the plugin
 * process's own RSS when it has one). The first start in this process also loads
 * the transport's code, so it is reported apart and left out of the statistics.
 */
import { SEED_TEXT } from '../../core/contract.js';
import { checkAborted } from '../abort.js';
import { processRss, settledHostRss } from '../memory.js';
import { derivedRow, measuredRow } from '../rows.js';
import type { Suite, SuiteContext } from '../suite.js';

interface StartSample {
  ms: number;
  hostRssAdded: number;
  pluginRss: number | undefined;
}

export const startupSuite: Suite = {
  name: 'startup',
  summary: 'cold start to the first successful call (median and max over fresh starts) and the memory one instance adds',
  async run(context) {
    const { budget, signal } = context;
    context.progress('first start');
    const first = await startOnce(context);
    const fresh: StartSample[] = [];
    for (let run = 1; run <= budget.startupRuns; run++) {
      checkAborted(signal);
      context.progress(`fresh start ${run}/${budget.startupRuns}`);
      fresh.push(await startOnce(context));
    }
    const pluginRss = fresh.flatMap((sample) => (sample.pluginRss === undefined ? [] : [sample.pluginRss]));
    return [
      measuredRow(context.row('start-to-first-call', 'ms', 'lower'), fresh.map((sample) => sample.ms)),
      measuredRow(context.row('first-start', 'ms', 'lower'), [first.ms], {
        note: 'the first start in this process, which also loads the transport code; not part of the fresh starts',
      }),
      measuredRow(context.row('host-rss-added', 'bytes', 'lower'), fresh.map((sample) => sample.hostRssAdded)),
      ...(pluginRss.length > 0 ? [measuredRow(context.row('plugin-rss', 'bytes', 'lower'), pluginRss)] : []),
      derivedRow(
        context.row('memory-added', 'bytes', 'lower'),
        fresh.map((sample) => sample.hostRssAdded + (sample.pluginRss ?? 0)),
        pluginRss.length > 0 ? ['host-rss-added', 'plugin-rss'] : ['host-rss-added'],
        { note: pluginRss.length > 0 ? 'host RSS delta plus the plugin process RSS' : 'host RSS delta (the plugin runs inside the host process)' },
      ),
    ];
  },
};

/** One fresh start: start, first successful call, measure, stop. */
async function startOnce(context: SuiteContext): Promise<StartSample> {
  const before = settledHostRss();
  const began = performance.now();
  const handle = await context.start();
  await handle.call('revert', [SEED_TEXT]);
  const ms = performance.now() - began;
  const hostRssAdded = settledHostRss() - before;
  const pluginRss = handle.pid === undefined ? undefined : await processRss(handle.pid);
  await context.stopList.release(handle);
  return { ms, hostRssAdded, pluginRss };
}
