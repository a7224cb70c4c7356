/** Which suites and extra floors a run measures, from the names a user gave. */
import { didYouMean } from '../core/closest-name.js';
import { PluginError } from '../core/errors.js';
import type { Channel } from '../core/transport.js';
import { CHANNELS } from './floors/index.js';
import { SUITE_NAMES, type SuiteName } from '../results/suite-names.js';
import { DEFAULT_SUITE_NAMES, type Suite } from './suite.js';
import { SUITES } from './suites/index.js';

export function selectSuites(names: readonly string[] | undefined): Suite[] {
  if (!names || names.length === 0) return DEFAULT_SUITE_NAMES.map((name) => SUITES[name]);
  return names.map((name) => {
    if (!(SUITE_NAMES as readonly string[]).includes(name)) {
      throw new PluginError('INVALID_INPUT', `unknown suite "${name}"${didYouMean(name, SUITE_NAMES)}; valid suites: ${SUITE_NAMES.join(', ')}`, { data: { name, valid: SUITE_NAMES } });
    }
    return SUITES[name as SuiteName];
  });
}

export function selectChannels(names: readonly string[] | undefined): Channel[] {
  return (names ?? []).map((name) => {
    if (!(CHANNELS as string[]).includes(name)) {
      throw new PluginError('INVALID_INPUT', `unknown channel "${name}"; valid channels: ${CHANNELS.join(', ')}`, { data: { name, valid: CHANNELS } });
    }
    return name as Channel;
  });
}
