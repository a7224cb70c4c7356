/**
 * Where the Go plugins are and why one is missing when it is: the build
 * script (scripts/build-go.mjs) records each binary's outcome, with the apt
 * command that fixes a failure, in dist/sample-plugins/go/build.json. Cheap:
 * `list` reads one small file.
 */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PluginError } from '../../src/core/errors.js';
import { packagePath } from '../../src/core/runtime-paths.js';
import type { Availability } from '../../src/core/transport.js';

/** Where the sample binaries are built, relative to the package root. */
export const GO_SAMPLE_DIR = 'dist/sample-plugins/go';
const APT_FIX = 'apt-get install golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev, then run npm run build:go';

interface BuildStatus {
  binaries?: Record<string, { ok: boolean; reason?: string }>;
}

async function readStatus(dir: string): Promise<BuildStatus | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, 'build.json'), 'utf8')) as BuildStatus;
  } catch {
    return undefined;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Available when the sample binary `name` is built (in `dir`); otherwise the build's reason, or how to build it. */
export async function goBinaryAvailability(name: string, dir = packagePath(GO_SAMPLE_DIR)): Promise<Availability> {
  if (await isExecutable(path.join(dir, name))) return { available: true };
  const recorded = (await readStatus(dir))?.binaries?.[name];
  if (recorded && !recorded.ok && recorded.reason) return { available: false, reason: recorded.reason };
  return { available: false, reason: `the Go plugin ${GO_SAMPLE_DIR}/${name} is not built; ${APT_FIX}` };
}

/** The plugin binary to run: `--plugin` (a Go plugin executable) or the sample; START_FAILED when it cannot run. */
export async function goPluginCommand(sample: string, pluginPath: string | undefined): Promise<string> {
  const file = path.resolve(pluginPath ?? packagePath(GO_SAMPLE_DIR, sample));
  if (await isExecutable(file)) return file;
  const availability = pluginPath ? undefined : await goBinaryAvailability(sample);
  const why = availability && !availability.available ? availability.reason : `${file} is not an executable Go plugin binary; build it with go build`;
  throw new PluginError(pluginPath ? 'START_FAILED' : 'UNAVAILABLE', why, { data: { file } });
}
