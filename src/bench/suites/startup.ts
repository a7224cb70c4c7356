/**
 * startup: cold start to the first successful call, over fresh starts, and the
 * memory one instance adds (host RSS delta after a full GC, plus the plugin
 * process's own RSS when it has one). The first start in this process also loads
 * the transport's code, so it is reported apart and left out of the statistics.
 * A process target whose plugin runs on Node or Python also gets its bare runtime
 * (`node -e 0`, `python3 -c 0`) started before each fresh start, alternating, and
 * the ratio of each pair: the plugin stack's cold start against the bare process.
 */
import { SEED_TEXT } from '../../core/contract.js';
import type { PluginHandle } from '../../core/transport.js';
import { checkAborted } from '../abort.js';
import { processRss, settledHostRss } from '../memory.js';
import { derivedRow, measuredRow } from '../rows.js';
import type { ResultRow } from '../../results/types.js';
import type { Suite, SuiteContext } from '../suite.js';
import type { BareRuntime } from './startup-bare-runtime.js';

interface StartSample {
  /** The plugin, stopped by now; its startup steps stay readable. */
  handle: PluginHandle;
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
    // Only a process target has a bare runtime; the process helpers load only for one.
    const bare = context.target.family === 'process' ? await (await import('./startup-bare-runtime.js')).bareRuntimeOf(context.target, first.handle) : undefined;
    const fresh: StartSample[] = [];
    const bareMs: number[] = [];
    for (let run = 1; run <= budget.startupRuns; run++) {
      checkAborted(signal);
      context.progress(`fresh start ${run}/${budget.startupRuns}`);
      if (bare) bareMs.push(await bare.run());
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
      ...(bare ? bareRuntimeRows(context, bare, bareMs, fresh) : []),
    ];
  },
};

/** The bare runtime's own start, and each fresh start divided by the bare start run just before it. */
function bareRuntimeRows(context: SuiteContext, bare: BareRuntime, bareMs: readonly number[], fresh: readonly StartSample[]): ResultRow[] {
  const note = `\`${bare.label}\`, spawned like a plugin (execa, parent-death wrapper, piped stdio), spawn to exit; alternating with the fresh starts`;
  return [
    measuredRow(context.row('bare-runtime-start', 'ms', 'lower'), bareMs, { note }),
    derivedRow(
      context.row('start-vs-bare-runtime', 'x', 'lower'),
      fresh.map((sample, index) => sample.ms / bareMs[index]!),
      ['start-to-first-call', 'bare-runtime-start'],
      { note: `each fresh start to the first answer divided by the \`${bare.label}\` run just before it` },
    ),
  ];
}

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
  return { handle, ms, hostRssAdded, pluginRss };
}
