/**
 * The plugin's private folder for its Unix sockets (go-plugin puts them in
 * TMPDIR, and so does the host's brokered Host server): 0700, named after the
 * host's pid, removed at stop; folders of hosts that are gone are swept
 * (transports/process/private-dir.ts).
 */
import { makePrivateDir as makeDir } from '../process/private-dir.js';

export const makePrivateDir = (): Promise<string> => makeDir('plugbench-go-plugin-');
