/** Targets whose plugin serves through a message broker: their transport offers `broker` (descriptor.ts). */
import { PluginError } from '../core/errors.js';
import { listTargets } from '../../transports/catalog.js';

export async function brokerTargets(): Promise<string[]> {
  const names: string[] = [];
  for (const entry of listTargets()) if ((await entry.descriptor.load()).broker) names.push(entry.name);
  return names;
}

/** The broker target `health --nats` starts local instances of: the one that serves on NATS. */
export async function natsTarget(): Promise<string> {
  const [name] = await brokerTargets();
  if (!name) throw new PluginError('UNAVAILABLE', 'no target serves through a broker in this build');
  return name;
}
