import { describe, expect, it } from 'vitest';
import { selectSuites } from '../../src/bench/select.js';
import { PluginError } from '../../src/core/errors.js';

describe('selectSuites', () => {
  it('runs every suite but the opt-in isolation audit by default', () => {
    const names = selectSuites(undefined).map((suite) => suite.name);
    expect(names).toContain('latency');
    expect(names).toContain('callback');
    expect(names).not.toContain('isolation');
  });

  it('runs the isolation audit when asked for by name', () => {
    expect(selectSuites(['isolation']).map((suite) => suite.name)).toEqual(['isolation']);
  });

  it('refuses an unknown suite naming the valid ones', () => {
    expect(() => selectSuites(['nope'])).toThrow(PluginError);
    expect(() => selectSuites(['nope'])).toThrow(/valid suites: .*isolation/);
  });
});
