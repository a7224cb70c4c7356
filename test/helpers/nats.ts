/** NATS servers and plugin instances for tests, each stopped by the caller's afterEach/afterAll. */
import { startNatsServer, type NatsServer } from '../../transports/nats/nats-server.js';
import { surveyService, type ServiceSurvey } from '../../transports/nats/survey-service.js';

/** One node's config: loopback, random client and route ports, routes to the nodes given. */
function nodeConfig(name: string, routes: readonly string[]): string {
  const routeList = routes.map((url) => `"${url.replace(/^nats:/, 'nats-route:')}"`).join(', ');
  return `server_name: "${name}"\nlisten: "127.0.0.1:-1"\ncluster {\n  name: "plugbench-test"\n  listen: "127.0.0.1:-1"\n  routes: [${routeList}]\n}\n`;
}

/** A cluster on loopback: the first node, then the others routed to it (they learn each other from it). */
export async function startCluster(size: number, started: NatsServer[]): Promise<NatsServer[]> {
  const first = await startNatsServer({ config: nodeConfig('n1', []), timeoutMs: 10_000, name: 'n1' });
  started.push(first);
  for (let i = 2; i <= size; i++) started.push(await startNatsServer({ config: nodeConfig(`n${i}`, [first.routeUrl!]), timeoutMs: 10_000, name: `n${i}` }));
  return started;
}

/** Surveys through `url` until `expected` instances answer both questions (interest crosses routes asynchronously); bounded. */
export async function surveyUntil(url: string, expected: number, boundMs = 15_000): Promise<ServiceSurvey> {
  const until = Date.now() + boundMs;
  for (;;) {
    const survey = await surveyService({ url }, 300);
    const complete = survey.instances.filter((answer) => answer.answered.ping && answer.answered.stats);
    if (complete.length >= expected || Date.now() > until) return survey;
  }
}
