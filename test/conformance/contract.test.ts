/**
 * The conformance suite: written once, run against every registered target.
 * A new target joins by registering in transports/catalog.ts; an unavailable one
 * is skipped with its reason.
 */
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_METHODS, revertText, SEED_TEXT } from '../../src/core/contract.js';
import { PluginError } from '../../src/core/errors.js';
import { createHostFunctions } from '../../src/core/host-api.js';
import type { PluginHandle } from '../../src/core/transport.js';
import { expectCode } from '../helpers/expect-code.js';
import { loadAllTargets } from '../helpers/targets.js';

const targets = await loadAllTargets();

const cases: Record<string, string> = {
  'the seed palindrome': SEED_TEXT,
  'the empty string': '',
  'emoji and other astral characters': 'a😀b👍🏽c𝄞d🇫🇷e',
  'combining marks': 'e\u0301a\u0308o\u0302',
  CJK: '日本語のテキスト，中文字符',
  'NUL and other control characters': '\u0000a\u0001\t\n\r\u001b\u007f\u0085z',
};

function oneMiBText(): string {
  const unit = 'abc😀def日本\u0000';
  return unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024 - 2) + '😀';
}

for (const { name, target, availability } of targets) {
  describe.skipIf(!availability.available)(`${name} conformance${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
    let plugin: PluginHandle;

    beforeAll(async () => {
      plugin = await target.start({ hostFunctions: createHostFunctions({ config: { prefix: '>> ' } }) });
    });
    afterAll(async () => {
      await plugin?.stop();
    });

    for (const [label, text] of Object.entries(cases)) {
      it(`reverts ${label} by code point`, async () => {
        const output = await plugin.call<string>('revert', [text]);
        expect(output).toBe(revertText(text));
        expect(output.isWellFormed()).toBe(true);
      });
    }

    it('reverts a 1 MiB string', async () => {
      const text = oneMiBText();
      const output = await plugin.call<string>('revert', [text]);
      expect(output.length).toBe(text.length);
      expect(output === revertText(text)).toBe(true);
    });

    it('refuses a lone surrogate with INVALID_INPUT', async () => {
      await expectCode(plugin.call('revert', ['ab\ud800cd']), 'INVALID_INPUT');
      await expectCode(plugin.call('revert', ['\udc00']), 'INVALID_INPUT');
    });

    it('refuses a non-string with INVALID_INPUT', async () => {
      await expectCode(plugin.call('revert', [42]), 'INVALID_INPUT');
      await expectCode(plugin.call('revert', [null]), 'INVALID_INPUT');
      await expectCode(plugin.call('revert', [{ text: 'x' }]), 'INVALID_INPUT');
    });

    it('gives each of 100 concurrent calls its own answer', async () => {
      const inputs = Array.from({ length: 100 }, (_, i) => `call ${i} 😀 ${'x'.repeat(i)}`);
      const outputs = await Promise.all(inputs.map((input) => plugin.call<string>('revert', [input])));
      expect(outputs).toEqual(inputs.map(revertText));
    });

    it('reports itself healthy', async () => {
      const status = await plugin.health();
      expect(status.ok).toBe(true);
    });

    it('refuses an unknown method with METHOD_NOT_FOUND', async () => {
      await expectCode(plugin.call('noSuchMethod', []), 'METHOD_NOT_FOUND');
    });

    describe.skipIf(!target.capabilities.callbacks)('callbacks into the host', () => {
      it('revertWithPrefix asks the host for its prefix', async () => {
        expect(await plugin.call('revertWithPrefix', ['abc😀'])).toBe('>> 😀cba');
      });

      it('gives each of 100 concurrent calls its own callback', async () => {
        let served = 0;
        await using own = await target.start({
          hostFunctions: {
            getConfig: () => {
              served++;
              return `#${served}:`;
            },
          },
        });
        const outputs = await Promise.all(Array.from({ length: 100 }, (_, i) => own.call<string>('revertWithPrefix', [String(i)])));
        expect(served).toBe(100);
        expect(new Set(outputs).size).toBe(100);
        outputs.forEach((output, i) => expect(output.endsWith(revertText(String(i)))).toBe(true));
      });

      it('carries an error thrown by a host function back to the caller with its code', async () => {
        await using own = await target.start({
          hostFunctions: {
            getConfig: () => {
              throw new PluginError('HOST_ERROR', 'configuration store is down');
            },
          },
        });
        const error = await expectCode(own.call('revertWithPrefix', ['abc']), 'HOST_ERROR');
        expect(error.message).toContain('configuration store is down');
      });

      it('answers a call to an unknown host function with HOST_FUNCTION_NOT_FOUND', async () => {
        await using own = await target.start({ hostFunctions: {} });
        await expectCode(own.call('revertWithPrefix', ['abc']), 'HOST_FUNCTION_NOT_FOUND');
      });
    });

    describe('fault methods, the one list every language implements', () => {
      it('offers none of the fault methods unless fault injection was asked for', async () => {
        for (const method of FAULT_METHODS) await expectCode(plugin.call(method, []), 'METHOD_NOT_FOUND');
      });

      it('with fault injection, throws and sleeps on request and offers every other fault method', async () => {
        await using own = await target.start({ faultInjection: true });
        await expectCode(own.call('fault:throw', ['planted']), 'PLUGIN_ERROR');
        expect(await own.call('fault:sleep', [1])).toBe('slept');
        // The destructive ones are exercised by the fault suites; here: known, so a stalled call times out instead of failing as unknown.
        await expectCode(own.call('fault:stall', [], { timeoutMs: 200 }), 'TIMEOUT');
      });
    });

    describe('lifecycle', () => {
      it('rejects a call after stop with CLOSED, and stopping twice is fine', async () => {
        const own = await target.start();
        expect(await own.call('revert', ['ab'])).toBe('ba');
        await own.stop();
        await own.stop();
        await expectCode(own.call('revert', ['ab']), 'CLOSED');
        expect(await own.exited).toEqual({ reason: 'stopped' });
        expect((await own.health()).ok).toBe(false);
      });

      it('stops when disposed with await using', async () => {
        let escaped: PluginHandle | undefined;
        {
          await using own = await target.start();
          escaped = own;
          expect(await own.call('revert', ['xy'])).toBe('yx');
        }
        await expectCode(escaped.call('revert', ['ab']), 'CLOSED');
      });

      it('leaves nothing that keeps a host process alive after stop', async () => {
        // A real host process: it must exit on its own once the plugin is stopped.
        const script = new URL('../fixtures/start-call-stop.mjs', import.meta.url);
        const result = await execa('node', [script.pathname, name], { timeout: 30_000, reject: false });
        expect(result.stderr).toBe('');
        expect(result.stdout).toBe(revertText(SEED_TEXT));
        expect(result.exitCode).toBe(0);
      });
    });
  });
}
