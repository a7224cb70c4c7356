/**
 * The CURVE security of the bare zeromq peers, the same the mq targets use
 * (transports/auth/curve-keys.ts): key pairs derived from a fresh secret per
 * peer, the server's two keys handed to the peer's ROUTER in its environment,
 * the client's to its DEALER. Set up once per peer, never on the call path.
 */
import { curveKeys, type CurveKeys } from '../../../transports/auth/curve-keys.js';
import { newSecret } from '../../../transports/auth/plugin-secret.js';

/** The environment variable the bare ROUTER (Node or Python) reads its keys from, as JSON of BareCurveServer. */
export const BARE_CURVE_ENV = 'PLUGBENCH_BARE_CURVE';

/** What the bare ROUTER needs: its secret key, and the one client key its ZAP handler admits. */
export interface BareCurveServer {
  serverSecret: string;
  clientPublic: string;
}

/** Fresh keys for one peer, and the environment that gives the ROUTER its part. */
export function bareCurve(): { keys: CurveKeys; env: Record<string, string> } {
  const keys = curveKeys(newSecret());
  const server: BareCurveServer = { serverSecret: keys.serverSecret, clientPublic: keys.clientPublic };
  return { keys, env: { [BARE_CURVE_ENV]: JSON.stringify(server) } };
}
