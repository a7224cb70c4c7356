/**
 * The fault methods (the contract's FAULT_METHODS) a container acts out itself
 * for a plugin compiled to machine code or WebAssembly, which implements only
 * the ones it can (hang, throw): a sleep and a stall happen on the host's side,
 * and a crash or corrupt channel are refused with why, as the script engines'
 * preludes refuse them.
 */
import { PluginError } from '../../src/core/errors.js';

/** Waits `ms` without keeping the host alive for it. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** fault:crash and fault:garbage, for a plugin inside the host with no channel of its own. */
export function refusedFault(method: 'fault:crash' | 'fault:garbage'): PluginError {
  return new PluginError('PLUGIN_ERROR', method === 'fault:crash' ? 'this container cannot crash on request' : 'this container has no channel to corrupt');
}
