/**
 * A go-plugin plugin logs through hclog as JSON lines on stderr, which
 * go-plugin's host re-logs at their level; here each becomes a log event
 * (shown with --verbose, silent otherwise). Other lines stay stderr.
 */
import type { PluginEvent } from '../../src/core/transport.js';

const FIELDS_SHOWN = 3;

export function hclogEvent(line: string): PluginEvent {
  if (!line.startsWith('{')) return { type: 'stderr', line };
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { type: 'stderr', line };
  }
  const message = entry['@message'];
  if (typeof message !== 'string') return { type: 'stderr', line };
  const fields = Object.entries(entry)
    .filter(([key]) => !key.startsWith('@'))
    .slice(0, FIELDS_SHOWN)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return { type: 'log', level: String(entry['@level'] ?? 'info'), message: [message, ...fields].join(' ') };
}
