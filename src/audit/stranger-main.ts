/**
 * The stranger's own process (`node stranger-main.js PROTOCOL HOST:PORT`): it
 * inherits nothing from the host but the address, tries `revert` and `exit` as
 * a client without the secret, and prints one JSON line, a StrangerResult.
 */
import { STRANGERS } from './stranger-clients.js';

const [protocol = '', address = ''] = process.argv.slice(2);
const separator = address.lastIndexOf(':');
const stranger = STRANGERS[protocol];
const result = stranger
  ? await stranger(address.slice(0, separator), Number(address.slice(separator + 1)))
  : { answered: false, detail: `no stranger speaks ${protocol}` };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
