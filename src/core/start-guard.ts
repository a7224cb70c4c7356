/**
 * Checks every target makes before it runs plugin code, done once here so every
 * present and future target gets them: the catalog wraps each target it loads.
 *
 * - `requireSigned`: the folder `target.pluginDir(options)` must match its signed
 *   manifest, verified before `target.start` is called, so no file of the plugin
 *   has been imported, spawned or read into an engine yet. (For `in-process` the
 *   plugin is compiled into the host, so its module already ran when the host
 *   loaded it; the check refuses it before it is registered or called.)
 * - `sandbox`: a target that offers no sandbox refuses instead of running the
 *   plugin unsandboxed.
 */
import { PluginError } from './errors.js';
import { verifyPluginDir } from './integrity/verify.js';
import type { Capabilities, StartOptions, Target } from './transport.js';

export const SIGNATURE_PROTECTION = 'signature-check';
export const SANDBOX_PROTECTION = 'sandbox';

/**
 * The same target with `start` guarded and "signature-check" among its
 * protections. Its own fields are copied (so spreading it keeps them); anything
 * else the target offers stays reachable through the prototype.
 */
export function guardTarget(target: Target): Target {
  const capabilities: Capabilities = {
    ...target.capabilities,
    protections: [...target.capabilities.protections.filter((p) => p !== SIGNATURE_PROTECTION), SIGNATURE_PROTECTION],
  };
  const guarded: Target = Object.assign(Object.create(target) as Target, {
    descriptor: target.descriptor,
    name: target.name,
    family: target.family,
    channel: target.channel,
    description: target.description,
    capabilities,
    availability: () => target.availability(),
    pluginDir: (options?: StartOptions) => target.pluginDir(options),
    start: (options: StartOptions = {}) => startGuarded(target, options),
  });
  return guarded;
}

async function startGuarded(target: Target, options: StartOptions) {
  if (options.sandbox && !target.capabilities.protections.includes(SANDBOX_PROTECTION)) {
    throw new PluginError('UNAVAILABLE', `target "${target.name}" offers no sandbox; run without --sandbox or pick a target whose protections list "sandbox" (plugbench list)`);
  }
  if (options.requireSigned) {
    const began = performance.now();
    const verified = await verifyPluginDir(target.pluginDir(options), options.requireSigned.publicKey);
    options.onEvent?.({ type: 'step', name: 'verify', ms: performance.now() - began, detail: `${verified.files.length} files signed by key ${verified.keyId}` });
  }
  return target.start(options);
}
