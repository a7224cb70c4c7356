#!/usr/bin/env node
/**
 * The ROUTER end of scripts/measure-mq-frames.mjs: the bare zeromq child
 * (src/bench/mechanisms/zeromq-child.ts) answering one candidate frame format,
 * over the same CURVE and ZAP handler. `node scripts/mq-frames-child.mjs FORMAT PLUGIN`,
 * keys in PLUGBENCH_BARE_CURVE; exits when its stdin closes.
 */
import { pathToFileURL } from 'node:url';
import { Router } from 'zeromq';
import { admitOnlyClient } from '../dist/transports/auth/zap-handler.js';

const [format, pluginPath] = process.argv.slice(2);
const { revert } = await import(pathToFileURL(pluginPath).href);
const curve = JSON.parse(process.env.PLUGBENCH_BARE_CURVE);
await admitOnlyClient(curve.clientPublic, () => {});
const router = new Router({ linger: 0, curveServer: true, curveSecretKey: curve.serverSecret });
await router.bind('tcp://127.0.0.1:*');
process.stdout.write(JSON.stringify({ endpoint: router.lastEndpoint }) + '\n');
process.stdin.resume().on('end', () => process.exit(0));

/** Each format: the frames after the identity in, the frames after the identity out. */
const FORMATS = {
  bare: ([frame]) => [revert(frame.toString('utf8'))],
  echo: ([frame]) => [frame],
  json: ([frame]) => {
    const call = JSON.parse(frame.toString('utf8'));
    return [JSON.stringify({ type: 'result', id: call.id, ok: true, value: revert(call.args[0]) })];
  },
  'header-json': ([frame]) => {
    const text = frame.toString('utf8');
    const end = text.indexOf('\n');
    const id = text.slice(0, end).split(' ')[1];
    return [`result ${id}\n${JSON.stringify(revert(JSON.parse(text.slice(end + 1))[0]))}`];
  },
  'header-text': ([frame]) => {
    const text = frame.toString('utf8');
    const end = text.indexOf('\n');
    const id = text.slice(0, end).split(' ')[1];
    return [`result-text ${id}\n${revert(text.slice(end + 1))}`];
  },
  multipart: ([, id, , args]) => ['ok', id, JSON.stringify(revert(JSON.parse(args.toString('utf8'))[0]))],
};
const answer = FORMATS[format];
for (;;) {
  const [identity, ...frames] = await router.receive();
  await router.send([identity, ...answer(frames)]);
}
