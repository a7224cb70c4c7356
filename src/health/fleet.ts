/**
 * A fleet of out-of-process plugins, each under its own supervisor, checked by
 * survey: survey everyone at once, restart through the supervisor whoever did
 * not answer, survey again, and report all of it.
 */
import { toPluginError } from '../core/errors.js';
import { Supervisor, type SupervisorOptions } from '../core/supervisor.js';
import type { StartOptions, Target } from '../core/transport.js';
import { survey, type SurveyAnswer } from './survey.js';

type Unanswered = Exclude<SurveyAnswer, { status: 'answered' }>;

export interface FleetMemberSpec {
  /** Unique in the fleet: the target name, or `mq@tcp://HOST:PORT` for an endpoint. */
  name: string;
  target: Target;
  startOptions?: StartOptions;
}

export interface FleetMember {
  readonly name: string;
  readonly target: string;
  readonly endpoint?: string;
  readonly supervisor: Supervisor;
}

export interface StartFailure {
  member: string;
  reason: string;
}

/** One restart the check asked a supervisor for. */
export interface RestartRecord {
  member: string;
  ok: boolean;
  /** From asking the supervisor to the fresh plugin serving (or giving up). */
  ms: number;
  pidBefore?: number;
  pidAfter?: number;
  detail: string;
}

export interface HealthReport {
  deadlineMs: number;
  members: { name: string; target: string; endpoint?: string; pid?: number }[];
  startFailures: StartFailure[];
  /** The first survey: who answered, and how fast. */
  survey: SurveyAnswer[];
  /** Restarts of the members that did not answer the first survey. */
  restarts: RestartRecord[];
  /** The survey after the restarts; null when everyone answered the first. */
  resurvey: SurveyAnswer[] | null;
  /** Every member answers in the last survey, and none failed to start. */
  allAnswering: boolean;
}

export interface CheckOptions {
  deadlineMs: number;
  /** A restart slower than this is reported as failed. Default 30 s. */
  restartTimeoutMs?: number;
  /** Asks the members some other way than their own health checks (a broker's discovery protocol). */
  survey?: (deadlineMs: number) => Promise<SurveyAnswer[]>;
}

export class Fleet implements AsyncDisposable {
  private constructor(
    readonly members: readonly FleetMember[],
    readonly startFailures: readonly StartFailure[],
  ) {}

  /** Starts every member under a supervisor, concurrently; a member that fails to start is recorded, not fatal. */
  static async start(specs: readonly FleetMemberSpec[], supervisorOptions: SupervisorOptions = {}): Promise<Fleet> {
    const started = await Promise.all(
      specs.map(async (spec) => {
        try {
          const supervisor = await Supervisor.start(spec.target, spec.startOptions ?? {}, supervisorOptions);
          const endpoint = spec.startOptions?.endpoint;
          return { name: spec.name, target: spec.target.name, supervisor, ...(endpoint ? { endpoint } : {}) } satisfies FleetMember;
        } catch (error) {
          return { member: spec.name, reason: toPluginError(error).message } satisfies StartFailure;
        }
      }),
    );
    return new Fleet(
      started.filter((entry): entry is FleetMember => 'supervisor' in entry),
      started.filter((entry): entry is StartFailure => 'reason' in entry),
    );
  }

  member(name: string): Supervisor {
    const found = this.members.find((member) => member.name === name);
    if (!found) throw new Error(`no fleet member named ${name}`);
    return found.supervisor;
  }

  /** One survey of every member, with one deadline. */
  survey(deadlineMs: number): Promise<SurveyAnswer[]> {
    return survey(
      this.members.map((member) => ({ name: member.name, health: () => member.supervisor.health() })),
      deadlineMs,
    );
  }

  /** Survey, restart whoever did not answer, survey again. */
  async check(options: CheckOptions): Promise<HealthReport> {
    const ask = options.survey ?? ((deadlineMs: number) => this.survey(deadlineMs));
    const first = await ask(options.deadlineMs);
    const silent = first.filter((answer): answer is Unanswered => answer.status !== 'answered');
    const restarts = await Promise.all(silent.map((answer) => this.restart(answer, options.restartTimeoutMs ?? 30_000)));
    const resurvey = silent.length > 0 ? await ask(options.deadlineMs) : null;
    const last = resurvey ?? first;
    return {
      deadlineMs: options.deadlineMs,
      members: this.members.map((member) => ({
        name: member.name,
        target: member.target,
        ...(member.endpoint ? { endpoint: member.endpoint } : {}),
        ...(member.supervisor.pid === undefined ? {} : { pid: member.supervisor.pid }),
      })),
      startFailures: [...this.startFailures],
      survey: first,
      restarts,
      resurvey,
      allAnswering: this.startFailures.length === 0 && last.every((answer) => answer.status === 'answered'),
    };
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.members.map((member) => member.supervisor.stop()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async restart(answer: Unanswered, timeoutMs: number): Promise<RestartRecord> {
    const supervisor = this.member(answer.member);
    const pidBefore = supervisor.pid;
    const began = performance.now();
    const reason = `health survey: ${answer.status === 'silent' ? answer.detail : `answered unhealthy: ${answer.detail}`}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        supervisor.restart(reason),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not back within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      const pidAfter = supervisor.pid;
      return {
        member: answer.member,
        ok: true,
        ms: performance.now() - began,
        ...(pidBefore === undefined ? {} : { pidBefore }),
        ...(pidAfter === undefined ? {} : { pidAfter }),
        detail: `restarted by its supervisor (${reason})`,
      };
    } catch (error) {
      return { member: answer.member, ok: false, ms: performance.now() - began, ...(pidBefore === undefined ? {} : { pidBefore }), detail: toPluginError(error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
