import { describe, expect, it } from 'vitest';
import { assertValidText, revertText, validateCallArguments } from '../../src/core/contract.js';
import { PluginError } from '../../src/core/errors.js';

describe('revertText', () => {
  it('reverses by code point, keeping surrogate pairs whole', () => {
    expect(revertText('a😀b')).toBe('b😀a');
    expect(revertText('𝄞x')).toBe('x𝄞');
    expect(revertText('')).toBe('');
  });
});

describe('assertValidText', () => {
  it('names the index of a lone surrogate', () => {
    try {
      assertValidText('ab\udc00');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PluginError);
      expect((error as PluginError).code).toBe('INVALID_INPUT');
      expect((error as PluginError).data).toEqual({ index: 2 });
    }
  });

  it('accepts well-formed strings, including astral characters', () => {
    expect(() => assertValidText('😀\u0000日本')).not.toThrow();
  });
});

describe('validateCallArguments', () => {
  it('requires exactly one text argument for revert', () => {
    expect(() => validateCallArguments('revert', [])).toThrow(/exactly one argument/);
    expect(() => validateCallArguments('revert', ['a', 'b'])).toThrow(/exactly one argument/);
    expect(() => validateCallArguments('other', [1, 2])).not.toThrow();
  });
});
