/**
 * The subscriber end of the bare nats peer: a nats.js connection to the server
 * in BARE_NATS_URL (its token in the URL, never on the command line), one
 * subscription in the target's queue group answering each request with the
 * plugin's revert of its UTF-8 text. `node nats-child.js PLUGIN SUBJECT QUEUE`.
 * Announces `{"subject":...}` once the subscription reached the server; exits when its stdin closes.
 */
import { pathToFileURL } from 'node:url';
import { clientConfig } from '../../../transports/nats/broker-config.js';
import { loadNats } from '../../../transports/nats/nats-client.js';
import type { RevertModule } from './peer.js';

const [pluginFile, subject, queue] = process.argv.slice(2) as [string, string, string];
const plugin = (await import(pathToFileURL(pluginFile).href)) as RevertModule;
const nc = await (await loadNats()).connect(clientConfig({ url: process.env.BARE_NATS_URL ?? '' }));
const encoder = new TextEncoder();
const decoder = new TextDecoder();
nc.subscribe(subject, { queue, callback: (_, msg) => void msg.respond(encoder.encode(plugin.revert(decoder.decode(msg.data)))) });
await nc.flush();
process.stdout.write(JSON.stringify({ subject }) + '\n');
process.stdin.resume().on('end', () => process.exit(0));
