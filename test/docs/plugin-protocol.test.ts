/**
 * docs/plugin-protocol.md states the protocol's constants; each must be the one
 * the code uses, so the page cannot drift from what the plugins and host do.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { FAULT_METHODS } from '../../src/core/contract.js';
import { MAX_CALL_DEPTH } from '../../src/core/host-api.js';
import { ERROR_TRAILER } from '../../transports/grpc/grpc-errors.js';
import { INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR } from '../../transports/json-rpc/check-message.js';
import { HOST_CALL_METHOD, PING_METHOD } from '../../transports/json-rpc/rpc-methods.js';
import { APP_PROTOCOL_VERSION, CORE_PROTOCOL_VERSION, formatHandshake } from '../../transports/process/handshake.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, NOT_BY_HAND_EXIT_CODE, NOT_BY_HAND_MESSAGE, wrongCookieMessage } from '../../transports/process/magic-cookie.js';
import { FAULT_INJECTION_ENV, PLUGIN_PATH_ENV } from '../../transports/process/runner-env.js';
import { CRASH_EXIT_CODE } from '../../transports/process/node-runner.js';
import { NO_DEATH_SIGNAL_ENV } from '../../transports/process/death-signal.js';
import { SOCKET_DIR_ENV, SOCKET_FILE } from '../../transports/process/listen-address.js';

const doc = await readFile(new URL('../../docs/plugin-protocol.md', import.meta.url), 'utf8');

describe('docs/plugin-protocol.md', () => {
  it('names the environment, the cookie and both refusals as the plugins print them', () => {
    for (const fact of [MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PLUGIN_PATH_ENV, FAULT_INJECTION_ENV, NO_DEATH_SIGNAL_ENV, SOCKET_DIR_ENV, SOCKET_FILE, NOT_BY_HAND_MESSAGE, wrongCookieMessage('<value>')]) {
      expect(doc).toContain(fact);
    }
    expect(doc).toContain(`exit ${NOT_BY_HAND_EXIT_CODE}`);
  });

  it('shows handshakes the host parses, and the methods, trailer, codes and limits the code uses', () => {
    expect(doc).toContain(formatHandshake({ network: 'stdio', address: '-', protocol: 'jsonrpc' }));
    expect(doc).toContain(`| core version | \`${CORE_PROTOCOL_VERSION}\``);
    expect(doc).toContain(`| app version | \`${APP_PROTOCOL_VERSION}\``);
    for (const fact of [HOST_CALL_METHOD, PING_METHOD, ERROR_TRAILER, ...ERROR_CODES, ...FAULT_METHODS]) expect(doc).toContain(`\`${fact}`);
    expect(doc).toContain(`deeper than ${MAX_CALL_DEPTH}`);
    expect(doc).toContain(`exit the process with code ${CRASH_EXIT_CODE}`);
  });

  it('says what the plugin answers a misbehaving peer, with the codes the plugins send', () => {
    const section = doc.slice(doc.indexOf('## What a peer may and may not do'));
    for (const code of [PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS]) expect(section).toContain(`\`${code}\``);
    for (const fact of ['dropped notification #N', 'dropped message #N', 'cannot be framed', 'batches are not supported']) expect(section).toContain(fact);
  });
});
