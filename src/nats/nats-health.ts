/**
 * `plugbench health --nats URL`: the fleet on a NATS server or cluster, surveyed
 * with the services discovery protocol (every instance at once, one deadline).
 * Instances this command starts itself (`instances`) run under supervisors:
 * a local one that does not answer is restarted and the service surveyed again.
 */
import os from 'node:os';
import { createHostFunctions } from '../core/host-api.js';
import type { BrokerOptions } from '../core/transport.js';
import { Fleet, type FleetMember, type HealthReport } from '../health/fleet.js';
import type { SurveyAnswer } from '../health/survey.js';
import { loadTarget } from '../targets/load-target.js';
import type { InstanceAnswer, ServiceSurvey } from '../../transports/nats/survey-service.js';
import { natsTarget } from './broker-targets.js';
import { formatNatsReport } from './format-nats-report.js';

export interface NatsHealthOptions {
  broker: BrokerOptions;
  deadlineMs: number;
  /** Local instances to start on the broker under supervisors first. Default 0: survey only. */
  instances?: number;
  narrate?: (line: string) => void;
}

export interface NatsHealthResult {
  /** Every survey of the service: the first, and the one after restarts. */
  surveys: ServiceSurvey[];
  /** Per survey, who should have answered both questions and did not. */
  missing: string[][];
  /** The local instances: start failures, restarts, their answers. */
  local: HealthReport;
  allAnswering: boolean;
}

export async function runNatsHealth(options: NatsHealthOptions): Promise<NatsHealthResult> {
  const say = options.narrate ?? (() => {});
  const count = options.instances ?? 0;
  const specs = [];
  if (count > 0) {
    const target = await loadTarget(await natsTarget());
    for (let i = 1; i <= count; i++) specs.push({ name: `${target.name}#${i}`, target, startOptions: { broker: options.broker, hostFunctions: createHostFunctions() } });
    say(`starting ${count} local instance${count === 1 ? '' : 's'} on the broker`);
  }
  await using fleet = await Fleet.start(specs);
  const result = await checkNatsFleet(fleet, options.broker, options.deadlineMs);
  for (const line of formatNatsReport(result)) say(line);
  return result;
}

/** Surveys the service on `broker`; members of `fleet` (instances on it) that do not answer are restarted, then it is surveyed again. */
export async function checkNatsFleet(fleet: Fleet, broker: BrokerOptions, deadlineMs: number): Promise<NatsHealthResult> {
  const { surveyService } = await import('../../transports/nats/survey-service.js');
  const surveys: ServiceSurvey[] = [];
  const missing: string[][] = [];
  const localPids = new Set<number>();
  const ask = async (deadline: number): Promise<SurveyAnswer[]> => {
    for (const member of fleet.members) if (member.supervisor.pid !== undefined) localPids.add(member.supervisor.pid);
    const survey = await surveyService(broker, deadline);
    missing.push(missingFrom(survey, surveys[0], fleet.members, localPids));
    surveys.push(survey);
    return fleet.members.map((member) => localAnswer(member, survey));
  };
  const local = await fleet.check({ deadlineMs, survey: ask });
  const last = surveys[surveys.length - 1]!;
  return { surveys, missing, local, allAnswering: local.allAnswering && last.instances.length > 0 && missing[missing.length - 1]!.length === 0 };
}

/** A local member answered when an instance with its pid on this host answered both questions. */
function localAnswer(member: FleetMember, survey: ServiceSurvey): SurveyAnswer {
  const found = survey.instances.find((answer) => isLocal(answer, member.supervisor.pid));
  if (found?.answered.ping && found.answered.stats) return { member: member.name, status: 'answered', latencyMs: found.pingMs ?? 0 };
  return { member: member.name, status: 'silent', detail: `no $SRV.PING and $SRV.STATS answer within ${survey.deadlineMs} ms` };
}

function isLocal(answer: InstanceAnswer, pid: number | undefined): boolean {
  return pid !== undefined && answer.pid === pid && answer.host === os.hostname();
}

/** Local members that did not answer both, instances that answered only one, and (again) those gone since the first survey. */
function missingFrom(survey: ServiceSurvey, first: ServiceSurvey | undefined, members: readonly FleetMember[], localPids: ReadonlySet<number>): string[] {
  const names = members.filter((member) => !survey.instances.some((a) => isLocal(a, member.supervisor.pid) && a.answered.ping && a.answered.stats)).map((m) => m.name);
  for (const answer of survey.instances) if (!answer.answered.ping || !answer.answered.stats) names.push(`${answer.id} (answered ${answer.answered.ping ? 'PING' : 'STATS'} only)`);
  const gone = (first?.instances ?? []).filter((before) => !survey.instances.some((now) => now.id === before.id) && ![...localPids].some((pid) => isLocal(before, pid)));
  for (const answer of gone) names.push(`${answer.id} (answered the first survey, not this one)`);
  return names;
}
