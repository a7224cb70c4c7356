/**
 * The server end of the bare zeromq peer: a ROUTER on 127.0.0.1 (port chosen by
 * the OS, endpoint announced on stdout) answering each frame with the plugin's
 * revert of its UTF-8 text. A CURVE server, with a ZAP handler admitting one client
 * key, as the mq target's plugin is (keys in BARE_CURVE_ENV; the handler runs
 * per handshake, not per message). `node zeromq-child.js PLUGIN`. Exits when its stdin closes.
 */
import { pathToFileURL } from 'node:url';
import { Router } from 'zeromq';
import { admitOnlyClient } from '../../../transports/auth/zap-handler.js';
import { BARE_CURVE_ENV, type BareCurveServer } from './curve-peer.js';
import type { RevertModule } from './peer.js';

const plugin = (await import(pathToFileURL(process.argv[2]!).href)) as RevertModule;
const curve = JSON.parse(process.env[BARE_CURVE_ENV]!) as BareCurveServer;
await admitOnlyClient(curve.clientPublic, (why) => process.stderr.write(`refused a connection: ${why}\n`));
const router = new Router({ linger: 0, curveServer: true, curveSecretKey: curve.serverSecret });
await router.bind('tcp://127.0.0.1:*');
process.stdout.write(JSON.stringify({ endpoint: router.lastEndpoint }) + '\n');
process.stdin.resume().on('end', () => process.exit(0));
for await (const [identity, frame] of router) {
  await router.send([identity!, plugin.revert(frame!.toString('utf8'))]);
}
