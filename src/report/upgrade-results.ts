/**
 * Schema 1 results files (before machine platform, release and arch were apart)
 * hold everything the charts draw, so `plugbench report` reads them; compare
 * still refuses them, since its machine check needs the fields schema 2 added.
 */
import { RESULTS_SCHEMA_VERSION } from '../results/types.js';

/** A schema 1 file as schema 2: platform, release and arch split from `os` ("linux 6.1.0 x64"); undefined for any other version. */
export function upgradeForCharts(data: Record<string, unknown>, version: number): unknown {
  if (version !== 1) return undefined;
  const machine = (data.machine ?? {}) as Record<string, unknown>;
  const [platform = '', release = '', arch = ''] = typeof machine.os === 'string' ? machine.os.split(' ') : [];
  return { ...data, schemaVersion: RESULTS_SCHEMA_VERSION, machine: { platform, release, arch, ...machine } };
}
