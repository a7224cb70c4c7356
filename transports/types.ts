/** The transport interface, re-exported for transport authors (it lives in the core contract). */
export type {
  Availability,
  CallOptions,
  Capabilities,
  Channel,
  ExitInfo,
  Family,
  HealthStatus,
  PluginEvent,
  PluginHandle,
  StartOptions,
  StartupStep,
  Target,
} from '../src/core/transport.js';
export { BasePluginHandle, type InvokeContext } from '../src/core/base-handle.js';
