/**
 * Verifies a plugin folder against its signed manifest: the signature first (so
 * nothing in an unsigned manifest is trusted), then every file. Any difference is
 * INTEGRITY_FAILED naming the file.
 */
import { verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PluginError } from '../errors.js';
import { keyIdOf, loadPublicKey } from './keys.js';
import { hashPluginFiles, isManifest, MANIFEST_FILE, SIGNATURE_FILE } from './manifest.js';

export type FileProblem = 'changed' | 'added' | 'missing';

export interface VerifyResult {
  dir: string;
  keyId: string;
  files: string[];
}

const PROBLEM_TEXT: Record<FileProblem, string> = {
  changed: 'was changed after it was signed',
  added: 'was added after the folder was signed',
  missing: 'is listed in the signed manifest but missing',
};

/** `publicKey`: a KeyObject, PEM text, or the path of a PEM file. */
export async function verifyPluginDir(dir: string, publicKey: string | KeyObject): Promise<VerifyResult> {
  const key = await loadPublicKey(publicKey);
  const root = path.resolve(dir);
  const manifestBytes = await readSigned(root, MANIFEST_FILE, 'is not signed');
  const signatureText = (await readSigned(root, SIGNATURE_FILE, 'has a manifest but no signature')).toString('utf8').trim();
  const keyId = keyIdOf(key);
  if (!verify(null, manifestBytes, key, Buffer.from(signatureText, 'base64'))) {
    const claimed = parseManifest(manifestBytes)?.keyId;
    const why = claimed && claimed !== keyId ? `the manifest says key ${claimed} signed it, the expected key is ${keyId}` : `it was not made over this manifest by key ${keyId}`;
    throw failure(root, SIGNATURE_FILE, `bad signature: ${SIGNATURE_FILE} in ${root} does not verify: ${why}`);
  }
  const manifest = parseManifest(manifestBytes);
  if (!manifest) throw failure(root, MANIFEST_FILE, `${MANIFEST_FILE} in ${root} is signed but is not a plugbench manifest`);

  const actual = await hashPluginFiles(root);
  // Object.entries: the manifest's own names only, so an unsigned `toString` or `__proto__` is still "added".
  const problems = compare(new Map(Object.entries(manifest.files)), actual);
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).map((p) => p.file).join(', ')})` : '';
    throw failure(root, first!.file, `plugin file ${first!.file} ${PROBLEM_TEXT[first!.problem]} (in ${root})${more}`, problems);
  }
  return { dir: root, keyId, files: Object.keys(manifest.files) };
}

function compare(signed: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): { file: string; problem: FileProblem }[] {
  const problems: { file: string; problem: FileProblem }[] = [];
  for (const [file, digest] of signed) {
    if (!actual.has(file)) problems.push({ file, problem: 'missing' });
    else if (actual.get(file) !== digest) problems.push({ file, problem: 'changed' });
  }
  for (const file of actual.keys()) if (!signed.has(file)) problems.push({ file, problem: 'added' });
  return problems;
}

async function readSigned(root: string, file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path.join(root, file));
  } catch (error) {
    throw failure(root, file, `plugin folder ${root} ${what}: ${file} is missing (sign it with plugbench sign)`, undefined, error);
  }
}

function parseManifest(bytes: Buffer) {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isManifest(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function failure(dir: string, file: string, message: string, problems?: { file: string; problem: FileProblem }[], cause?: unknown): PluginError {
  return new PluginError('INTEGRITY_FAILED', message, {
    data: { dir, file, ...(problems ? { problems } : {}) },
    ...(cause === undefined ? {} : { cause }),
  });
}
