/**
 * What only the Go targets have: the plugins check their input themselves (a
 * lone surrogate sent past the host's own check), refuse to run by hand, pass
 * their Go unit tests, and without Go the targets say which apt command fixes it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { CallContext, ConnectionHost } from '../../../src/core/connection.js';
import { revertText, SEED_TEXT } from '../../../src/core/contract.js';
import { builtPath, packagePath } from '../../../src/core/runtime-paths.js';
import { findTarget } from '../../../transports/catalog.js';
import { goBinaryAvailability } from '../../../transports/go-common/go-build.js';
import { NOT_BY_HAND_EXIT_CODE } from '../../../transports/process/magic-cookie.js';
import { expectCode } from '../../helpers/expect-code.js';
import { targetNamesWhere } from '../../helpers/targets.js';

const GO_TARGETS = targetNamesWhere((descriptor) => descriptor.plugin.language === 'go');
const available = new Map(await Promise.all(GO_TARGETS.map(async (name) => [name, await (await findTarget(name)!.load()).availability()] as const)));
const call: CallContext = { depth: 1, timeoutMs: undefined, signal: new AbortController().signal, onGiveUp: () => {} };

describe('Go plugins check their input themselves', () => {
  for (const name of GO_TARGETS) {
    it.skipIf(!available.get(name)?.available)(`${name}: a lone surrogate sent past the host's check comes back INVALID_INPUT`, async () => {
      // The connection, not the runner: the runner would refuse the text before sending it.
      const { open } = await findTarget(name)!.descriptor.load();
      const host: ConnectionHost = { target: name, hostCall: async () => null, closed: () => {}, event: () => {} };
      const connection = await open({ options: {}, deadline: performance.now() + 30_000, host });
      try {
        for (const text of ['ab\ud800cd', '\udc00']) {
          const error = await expectCode(Promise.resolve().then(() => connection.send('revert', [text], call)), 'INVALID_INPUT');
          expect(error.message).toMatch(name === 'go-plugin' ? /protobuf decoder refused/ : /lone surrogate at index/);
        }
        expect(await connection.send('revert', ['ok😀'], call)).toBe('😀ko');
      } finally {
        await connection.close();
      }
    });
  }

  it.skipIf(!available.get('go-plugin')?.available)('the Go unit tests pass (CheckText refuses invalid UTF-8, DecodeText a lone surrogate escape)', async () => {
    const result = await execa(process.execPath, [packagePath('scripts', 'build-go.mjs'), '--test'], { reject: false, timeout: 300_000, all: true });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/ok\s+plugbench\/revert/);
    // `go test` compiles its test binaries first: on a loaded 2-core machine that alone passed a minute.
  }, 300_000);
});

describe('Go plugins started by hand', () => {
  for (const [name, binary] of [['go-netrpc', 'go-netrpc-revert'], ['go-stdio-rpc', 'go-stdio-rpc-revert']]) {
    it.skipIf(!available.get(name!)?.available)(`${binary} says it is a plugin and exits`, async () => {
      const result = await execa(builtPath('sample-plugins', 'go', binary!), { reject: false, timeout: 30_000, stdin: 'ignore' });
      expect(result.exitCode).toBe(NOT_BY_HAND_EXIT_CODE);
      expect(result.stderr).toContain('meant to be started by plugbench');
      expect(result.stdout).toBe('');
    });
  }
});

describe.skipIf(!available.get('go-plugin')?.available)("go-plugin's private socket folder", () => {
  it("a host's first start removes the folders of hosts killed before they could", async () => {
    // The pid of a process that has exited: its owner is surely gone.
    const child = execa(process.execPath, ['-e', '']);
    const gone = child.pid!;
    await child;
    const stale = await mkdtemp(path.join(os.tmpdir(), `plugbench-go-plugin-${gone}-`));
    try {
      await writeFile(path.join(stale, 'plugin123'), '');
      const host = new URL('../../fixtures/start-call-stop.mjs', import.meta.url).pathname;
      const result = await execa(process.execPath, [host, 'go-plugin'], { reject: false, timeout: 60_000 });
      expect(result.stdout, result.stderr).toBe(revertText(SEED_TEXT));
      expect(existsSync(stale)).toBe(false);
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });
});

describe('without Go', () => {
  it('the build records why, and the Go targets are unavailable with the apt command that fixes it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'plugbench-no-go-'));
    try {
      // An empty PATH: no go to be found (node runs by its absolute path).
      const env = { PATH: dir, PLUGBENCH_GO_DIST: dir };
      const result = await execa(process.execPath, [packagePath('scripts', 'build-go.mjs')], { env, extendEnv: false, reject: false, timeout: 60_000 });
      expect(result.exitCode).toBe(0);
      for (const binary of ['go-plugin-revert', 'go-netrpc-revert', 'go-stdio-rpc-revert']) {
        const availability = await goBinaryAvailability(binary, dir);
        expect(availability.available).toBe(false);
        expect(!availability.available && availability.reason).toContain('apt-get install golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
