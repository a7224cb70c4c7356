import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PluginError, toPluginError } from '../../src/core/errors.js';

describe('PluginError', () => {
  it('survives a round trip through JSON as the same class and code', () => {
    for (const code of ERROR_CODES) {
      const original = new PluginError(code, `failed with ${code}`, { data: { detail: 1 } });
      const rebuilt = PluginError.fromJSON(JSON.parse(JSON.stringify(original)));
      expect(rebuilt).toBeInstanceOf(PluginError);
      expect(rebuilt).toMatchObject({ code, message: `failed with ${code}`, data: { detail: 1 } });
    }
  });

  it('turns a malformed wire error into PROTOCOL_ERROR', () => {
    expect(PluginError.fromJSON({ code: 'NOPE', message: 'x' }).code).toBe('PROTOCOL_ERROR');
    expect(PluginError.fromJSON('garbage').code).toBe('PROTOCOL_ERROR');
  });

  it('keeps the code of an error from another copy of the library', () => {
    const foreign = Object.assign(new Error('bad text'), { code: 'INVALID_INPUT' });
    const typed = toPluginError(foreign);
    expect(typed).toBeInstanceOf(PluginError);
    expect(typed.code).toBe('INVALID_INPUT');
    expect(typed.cause).toBe(foreign);
  });

  it('wraps unknown thrown values with the fallback code and keeps them as cause', () => {
    const plain = new Error('boom');
    expect(toPluginError(plain)).toMatchObject({ code: 'PLUGIN_ERROR', message: 'boom', cause: plain });
    expect(toPluginError('text', 'HOST_ERROR')).toMatchObject({ code: 'HOST_ERROR', message: 'text' });
  });
});
