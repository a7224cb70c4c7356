/**
 * requireSigned, on every registered target: a signed plugin starts; one flipped
 * byte is refused with INTEGRITY_FAILED naming the file, before any plugin code
 * runs (the plugin's top-level code leaves a marker file whenever it runs; after
 * the refusal there is none). Targets that take no plugin path (their plugin is
 * fixed, like in-process) are checked on their own folder instead.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../../src/core/integrity/manifest.js';
import { signPluginDir } from '../../src/core/integrity/sign.js';
import type { StartOptions, Target } from '../../src/core/transport.js';
import { expectCode } from '../helpers/expect-code.js';
import { flipByte, keyPair, tempDir, writeFiles } from '../helpers/signing.js';
import { loadAllTargets } from '../helpers/targets.js';

const targets = await loadAllTargets();
const keys = keyPair();
const requireSigned = { publicKey: keys.publicKeyPem };

/** The plugin in both forms JavaScript targets load; top-level code writes `marker` if it can reach node:fs. */
function markerPlugin(marker: string): Record<string, string> {
  const padding = '// padding: the test flips a byte of this comment, so the code itself stays valid\n';
  return {
    'plugin.mjs': `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, 'ran');
export function revert(text) { return Array.from(text).reverse().join(''); }
export function exit() {}
${padding}`,
    'plugin-script.js': `(function leaveMarker() {
  var proc = typeof process !== 'undefined' ? process : undefined;
  var names = Object.getOwnPropertyNames(globalThis);
  for (var i = 0; !proc && i < names.length; i++) {
    try { proc = globalThis[names[i]].constructor.constructor('return typeof process === "undefined" ? undefined : process')(); } catch (e) {}
  }
  if (proc && proc.getBuiltinModule) proc.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');
})();
function revert(text) { return Array.from(text).reverse().join(''); }
function exit() {}
${padding}`,
  };
}

/** Starts, and stops again if it unexpectedly succeeded, so a failing test leaks nothing. */
function startAndStop(target: Target, options: StartOptions): Promise<unknown> {
  return target.start(options).then(async (handle) => {
    await handle.stop();
    return handle;
  });
}

/**
 * Writes `files` into `dir`, signs it, and returns the first file the target
 * runs from there with requireSigned (it starts and answers revert), or undefined.
 */
async function signedCopy(target: Target, dir: string, files: Record<string, string | Buffer>): Promise<string | undefined> {
  await writeFiles(dir, files);
  await signPluginDir(dir, keys.privateKeyPem);
  for (const file of Object.keys(files).map((name) => path.join(dir, name))) {
    try {
      await using handle = await target.start({ pluginPath: file, requireSigned, onEvent: () => {} });
      if ((await handle.call('revert', ['ab'])) === 'ba') return file;
    } catch {
      // not this form
    }
  }
  return undefined;
}

/** Every file of a folder, by relative path: a copy of a target's own sample (a Python plugin, say). */
async function filesOf(dir: string): Promise<Record<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, Buffer> = {};
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await readFile(full);
  }
  return files;
}

/** A copy of the target's own sample folder in `dir`, file modes kept (a Go plugin is an executable). */
async function copyOfSample(target: Target, dir: string): Promise<Record<string, Buffer>> {
  await cp(target.pluginDir(), dir, { recursive: true });
  return filesOf(dir);
}

/** Whether the target runs the plugin at `pluginPath` (else it runs a fixed plugin, like in-process). */
function followsPluginPath(target: Target): boolean {
  const somewhere = path.join(os.tmpdir(), 'plugbench-somewhere', 'plugin.mjs');
  return target.pluginDir({ pluginPath: somewhere }) === path.dirname(somewhere);
}

for (const { name, target, availability } of targets) {
  describe.skipIf(!availability.available)(`${name} with requireSigned`, () => {
    it.skipIf(!followsPluginPath(target))('refuses a flipped byte in a signed plugin before any plugin code runs', async () => {
      await using dir = await tempDir();
      const marker = path.join(dir.path, 'marker-ran');
      const hosted = (await signedCopy(target, path.join(dir.path, 'js'), markerPlugin(marker))) ?? (await signedCopy(target, path.join(dir.path, 'own'), await copyOfSample(target, path.join(dir.path, 'own'))));
      expect(hosted, `${name} ran neither the JavaScript plugin nor a copy of its own sample, signed`).toBeDefined();
      const form = hosted!;
      // A module can always import node:fs, so its marker proves top-level code is observable; a plain
      // script leaves one only where the engine leaks the host, and other languages get no marker.
      const markerObservable = existsSync(marker);
      await rm(marker, { force: true });

      await flipByte(form, (await stat(form)).size - 2);
      const error = await expectCode(startAndStop(target, { pluginPath: form, requireSigned }), 'INTEGRITY_FAILED');
      expect(error.message).toContain(path.basename(form));
      expect(existsSync(marker), 'plugin code ran before the refusal').toBe(false);
      if (form.endsWith('.mjs')) expect(markerObservable, 'the module never left its marker, so "before" is unproven').toBe(true);
    });

    it.skipIf(followsPluginPath(target))('refuses its fixed plugin folder when unsigned, and when a file was added after signing', async () => {
      const dir = target.pluginDir();
      // A fixed folder (the sample compiled into the host): check it in place, and leave it as it was.
      const unsigned = !existsSync(path.join(dir, MANIFEST_FILE));
      if (unsigned) await expectCode(startAndStop(target, { requireSigned }), 'INTEGRITY_FAILED');
      const added = path.join(dir, `added-after-signing-${process.pid}.txt`);
      try {
        await signPluginDir(dir, keys.privateKeyPem);
        await startAndStop(target, { requireSigned });
        await writeFile(added, 'not signed');
        const error = await expectCode(startAndStop(target, { requireSigned }), 'INTEGRITY_FAILED');
        expect(error.data).toMatchObject({ problems: expect.arrayContaining([{ file: path.basename(added), problem: 'added' }]) });
      } finally {
        await rm(added, { force: true });
        if (unsigned) await Promise.all([MANIFEST_FILE, SIGNATURE_FILE].map((file) => rm(path.join(dir, file), { force: true })));
      }
    });
  });
}
