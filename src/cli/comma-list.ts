/**
 * Every list flag (`--targets`, `--suites`, `--probes`, `--floors`) is one
 * comma-separated value. A value naming nothing (`,` or ``) is refused, never
 * read as "all".
 */
import { PluginError } from '../core/errors.js';

export function commaList(value: string | undefined, flag: string): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) {
    throw new PluginError('INVALID_INPUT', `--${flag} "${value}" names nothing; give comma-separated names, or leave --${flag} out for the default`);
  }
  return names;
}
