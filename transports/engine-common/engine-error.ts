/** How an engine's error crosses into the host: `{code, message, data}` rebuilt as a PluginError. */
import { isErrorCode, PluginError, type SerializedError } from '../../src/core/errors.js';

/** An engine's `{code, message, data}`; a code outside the closed set becomes PLUGIN_ERROR. */
export function toEngineError(value: unknown): PluginError {
  if (value instanceof PluginError) return value;
  const wire = (typeof value === 'object' && value !== null ? value : { message: String(value) }) as Partial<SerializedError>;
  const message = typeof wire.message === 'string' ? wire.message : 'plugin failed without a message';
  const options = wire.data === undefined ? {} : { data: wire.data };
  return new PluginError(isErrorCode(wire.code) ? wire.code : 'PLUGIN_ERROR', message, options);
}
