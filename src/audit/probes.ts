/**
 * The isolation probes: what each asks the probe plugin to try, and how the
 * host judges the evidence. A verdict comes only from what happened (the value
 * the plugin got, the listener's log, the host's own globals), never from what a
 * target declares.
 */

export type IsolationOutcome = 'blocked' | 'allowed' | 'host-crashed' | 'host-hung';

/** What the child host is told: where the secrets are, where the listener is. */
export interface ProbeSetup {
  secretFile: string;
  secretEnv: string;
  /** Unique per child host, so the listener can tell whose connection arrived. */
  token: string;
  listener: { host: string; port: number };
  capMiB: number;
  loopTimeoutMs: number;
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

export interface ProbeEvidence {
  call: CallOutcome;
  /** The host found the probe's mark on its own global object or Array.prototype. */
  hostGlobalsChanged: boolean;
  /** The audit's listener received this child host's token. */
  listenerReceived: boolean;
}

export interface Verdict {
  outcome: 'blocked' | 'allowed';
  detail: string;
}

export interface ProbeSpec {
  id: string;
  title: string;
  method: string;
  /** Can take the host down (endless loop, unbounded allocation): runs in a child host of its own. */
  destructive: boolean;
  /**
   * Not a call to the probe plugin: a process without the host's secret dials the
   * plugin's port (stranger-probe.ts), on every target with one, whatever its language.
   */
  stranger?: true;
  args(setup: ProbeSetup): unknown[];
  timeoutMs(setup: ProbeSetup): number;
  judge(evidence: ProbeEvidence, setup: ProbeSetup & { secret: string }): Verdict;
}

const CALL_TIMEOUT_MS = 15_000;

const blocked = (detail: string): Verdict => ({ outcome: 'blocked', detail });
const allowed = (detail: string): Verdict => ({ outcome: 'allowed', detail });

/** A refused call is "blocked", with the refusal as the reason. */
function refusal(call: CallOutcome, otherwise: string): Verdict {
  return call.ok ? blocked(otherwise) : blocked(`${call.code}: ${shorten(call.message)}`);
}

/** The probe whose outcome a target's declared `hang` capability predicts. */
export const LOOP_PROBE = 'endless-loop';

export const PROBES: readonly ProbeSpec[] = [
  {
    id: 'read-secret-file',
    title: 'read a file outside its folder',
    method: 'probeReadFile',
    destructive: false,
    args: (setup) => [setup.secretFile],
    timeoutMs: () => CALL_TIMEOUT_MS,
    judge: ({ call }, setup) => (call.ok && call.value === setup.secret ? allowed(`read ${setup.secretFile}`) : refusal(call, 'read something, but not the secret')),
  },
  {
    id: 'read-secret-env',
    title: "read the host's secret environment variable",
    method: 'probeReadEnv',
    destructive: false,
    args: (setup) => [setup.secretEnv],
    timeoutMs: () => CALL_TIMEOUT_MS,
    judge: ({ call }, setup) => (call.ok && call.value === setup.secret ? allowed(`read $${setup.secretEnv}`) : refusal(call, `$${setup.secretEnv} is not visible to the plugin`)),
  },
  {
    id: 'spawn-process',
    title: 'start a process',
    method: 'probeSpawn',
    destructive: false,
    args: () => [],
    timeoutMs: () => CALL_TIMEOUT_MS,
    judge: ({ call }) => (call.ok && call.value === 'spawned' ? allowed('started node and read its output') : refusal(call, 'no process output')),
  },
  {
    id: 'connect-localhost',
    title: 'connect to a listener on 127.0.0.1',
    method: 'probeConnect',
    destructive: false,
    args: (setup) => [setup.listener.host, setup.listener.port, setup.token],
    timeoutMs: () => CALL_TIMEOUT_MS,
    judge: ({ call, listenerReceived }) => (listenerReceived ? allowed('the listener received the probe\'s token') : refusal(call, 'the listener received nothing')),
  },
  {
    id: 'change-host-globals',
    title: "change the host's globals",
    method: 'probeGlobals',
    destructive: false,
    args: (setup) => [setup.token],
    timeoutMs: () => CALL_TIMEOUT_MS,
    judge: ({ call, hostGlobalsChanged }) =>
      hostGlobalsChanged ? allowed("the host's globalThis / Array.prototype carry the probe's mark") : refusal(call, 'the plugin changed only its own realm'),
  },
  {
    id: 'memory-bomb',
    title: 'allocate without bound',
    method: 'probeAllocate',
    destructive: true,
    args: (setup) => [setup.capMiB],
    timeoutMs: () => 120_000,
    judge: ({ call }, setup) =>
      call.ok && call.value === setup.capMiB
        ? allowed(`allocated ${setup.capMiB} MiB (the probe's cap), nothing stopped it`)
        : refusal(call, `stopped after ${String(call.ok ? call.value : '?')} MiB`),
  },
  {
    id: LOOP_PROBE,
    title: 'loop forever',
    method: 'probeLoop',
    destructive: true,
    args: () => [],
    timeoutMs: (setup) => setup.loopTimeoutMs,
    judge: ({ call }) => (call.ok ? allowed('the loop returned?') : blocked(`${call.code}: ${shorten(call.message)}; the host kept running`)),
  },
  {
    id: 'stranger-refused',
    title: "a stranger is refused: a process without the host's secret dials the plugin's port, asks revert and exit",
    method: '',
    destructive: false,
    stranger: true,
    args: () => [],
    timeoutMs: () => 60_000,
    judge: ({ call }) => judgeStranger(call),
  },
];

/** The stranger probe's evidence is the value of its call (stranger-probe.ts). */
function judgeStranger(call: CallOutcome): Verdict {
  if (!call.ok) return allowed(`the probe could not judge: ${call.code}: ${shorten(call.message)}`);
  const { answered, pluginServes, detail } = call.value as { answered: boolean; pluginServes: boolean; detail: string };
  if (answered) return allowed(`a client without the secret got an answer (${shorten(detail)})`);
  if (!pluginServes) return allowed(`after a client without the secret, the plugin no longer serves its host (${shorten(detail)})`);
  return blocked(`${shorten(detail)}; the plugin still serves its host`);
}

export const PROBE_IDS = PROBES.map((probe) => probe.id);

export function findProbe(id: string): ProbeSpec | undefined {
  return PROBES.find((probe) => probe.id === id);
}

function shorten(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
