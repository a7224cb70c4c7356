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
export type { CallContext, ClosedInfo, Connection, ConnectionHost, OpenConnection, OpenRequest } from '../src/core/connection.js';
export type { TargetDescriptor, TransportModule } from '../src/core/descriptor.js';
