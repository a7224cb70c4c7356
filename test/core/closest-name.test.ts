import { describe, expect, it } from 'vitest';
import { closestName, didYouMean } from '../../src/core/closest-name.js';

const COMMANDS = ['audit', 'bench', 'compare', 'demo', 'health', 'keygen', 'list', 'report', 'sign', 'verify'];

describe('closestName', () => {
  it('finds a name one or two edits away: a dropped, swapped, changed or extra letter', () => {
    expect(closestName('lst', COMMANDS)).toBe('list');
    expect(closestName('becnh', COMMANDS)).toBe('bench');
    expect(closestName('wrker', ['worker', 'vm', 'wasm'])).toBe('worker');
    expect(closestName('Demo', COMMANDS)).toBe('demo');
    expect(closestName('comparee', COMMANDS)).toBe('compare');
  });

  it('suggests nothing for a name that is not a typo of any', () => {
    expect(closestName('x', ['vm', 'mq'])).toBeUndefined();
    expect(closestName('frobnicate', COMMANDS)).toBeUndefined();
  });

  it('prefers the nearest of several candidates', () => {
    expect(closestName('tcp-rpx', ['tcp-rpc', 'tcp-jsonrpc', 'stdio-rpc'])).toBe('tcp-rpc');
  });

  it('didYouMean is a suffix for an error message, empty when nothing is close', () => {
    expect(didYouMean('lst', COMMANDS)).toBe(' (did you mean "list"?)');
    expect(didYouMean('zzzzzz', COMMANDS)).toBe('');
  });
});
