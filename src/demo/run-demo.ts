/**
 * `plugbench demo`: start one target, call it, narrate every lifecycle step with
 * its duration, stop it. The narration goes to a callback so the command decides
 * how (or whether) to print it.
 */
import { median } from 'simple-statistics';
import { formatDuration } from '../results/units.js';
import { SEED_TEXT } from '../core/contract.js';
import { createHostFunctions } from '../core/host-api.js';
import type { PluginEvent, PluginHandle, StartOptions } from '../core/transport.js';
import { loadAvailableTarget } from '../targets/load-target.js';

export interface DemoOptions {
  target: string;
  input?: string;
  calls?: number;
  method?: 'revert' | 'revertWithPrefix';
  pluginPath?: string;
  /** Extra start options (signing, sandbox) that other features add. */
  startOptions?: StartOptions;
  narrate?: (line: string) => void;
}

export interface DemoResult {
  target: string;
  method: string;
  input: string;
  output: string;
  calls: number;
  timings: { startMs: number; callMs: number; stopMs: number };
  startupSteps: { name: string; ms: number; detail?: string }[];
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const say = options.narrate ?? (() => {});
  const input = options.input ?? SEED_TEXT;
  const calls = options.calls ?? 1;
  const method = options.method ?? 'revert';
  const target = await loadAvailableTarget(options.target);
  say(`target ${target.name} (${target.family}): ${target.description}`);

  const onEvent = (event: PluginEvent) => say(describeEvent(event));
  // log() calls reach the narration as 'log' events from the handle.
  const hostFunctions = createHostFunctions();
  const startBegan = performance.now();
  const handle = await target.start({
    ...options.startOptions,
    ...(options.pluginPath ? { pluginPath: options.pluginPath } : {}),
    hostFunctions: {
      ...hostFunctions,
      getConfig: (args, context) => {
        const value = hostFunctions.getConfig!(args, context);
        say(demoLine('callback', undefined, `plugin -> host getConfig(${JSON.stringify(args[0])}) = ${JSON.stringify(value)}`));
        return value;
      },
    },
    onEvent,
  });
  let stopMs = 0;
  try {
    const startMs = performance.now() - startBegan;
    // The steps are deltas; what they do not cover (loading the transport, the runner) gets a line, so they add up.
    const rest = startMs - handle.startupSteps.reduce((sum, step) => sum + step.ms, 0);
    if (rest >= 0.05) say(demoLine('other', rest, 'outside the steps above: loading the transport, setting up the runner'));
    say(demoLine('started', startMs, handle.pid ? `pid ${handle.pid}` : ''));
    const { output, callMs } = await timeCalls(handle, method, input, calls);
    if (calls === 1) say(demoLine('call', callMs, `${method}(${JSON.stringify(input)})`));
    else say(demoLine('calls', callMs, `median of ${calls} ${method}(${JSON.stringify(input)}) calls`));
    say(demoLine('result', undefined, JSON.stringify(output)));
    const stopBegan = performance.now();
    say(demoLine('stop', undefined, 'asking the plugin to exit'));
    await handle.stop();
    stopMs = performance.now() - stopBegan;
    say(demoLine('stopped', stopMs, ''));
    return {
      target: target.name,
      method,
      input,
      output,
      calls,
      timings: { startMs, callMs, stopMs },
      startupSteps: [...handle.startupSteps],
    };
  } finally {
    await handle.stop();
  }
}

/** `calls` calls one after the other: the last answer and the median time. */
async function timeCalls(handle: PluginHandle, method: string, input: string, calls: number): Promise<{ output: string; callMs: number }> {
  const durations: number[] = [];
  let output = '';
  for (let i = 0; i < calls; i++) {
    const began = performance.now();
    output = await handle.call<string>(method, [input]);
    durations.push(performance.now() - began);
  }
  return { output, callMs: median(durations) };
}

/** Where a narration line's detail starts: continuation lines of a long detail are indented this far. */
export const DEMO_DETAIL_COLUMN = 2 + 10 + 1 + 9 + 2;

/** "  handshake    24.0 ms  detail": the step, its duration right-aligned in one column, what it was. */
export function demoLine(name: string, ms: number | undefined, detail: string): string {
  const duration = ms === undefined ? '' : formatDuration(ms);
  return `  ${name.padEnd(10)} ${duration.padStart(9)}  ${detail}`.trimEnd();
}

function describeEvent(event: PluginEvent): string {
  switch (event.type) {
    case 'step':
      return demoLine(event.name, event.ms, event.detail ?? '');
    case 'stderr':
      return `  plugin stderr: ${event.line}`;
    case 'log':
      return `  plugin log [${event.level}] ${event.message}`;
  }
}
