import { afterEach, describe, expect, it } from 'vitest';
import { findPython, PYTHON_ENV } from '../../../transports/python/find-python.js';

describe('findPython', () => {
  const saved = process.env[PYTHON_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[PYTHON_ENV];
    else process.env[PYTHON_ENV] = saved;
  });

  it('says which interpreters it tried and how to install a missing module', async () => {
    const choice = await findPython({ modules: ['plugbench_no_such_module'], installHint: 'Install it with `pip install plugbench-no-such-module`' });
    expect(choice.available).toBe(false);
    if (choice.available) return;
    expect(choice.reason).toContain('plugbench_no_such_module');
    expect(choice.reason).toContain('pip install plugbench-no-such-module');
    expect(choice.reason).toContain('/usr/bin/python3');
    expect(choice.reason).toContain(PYTHON_ENV);
  });

  it('tries PLUGBENCH_PYTHON first and moves on when it cannot run', async (context) => {
    process.env[PYTHON_ENV] = '/nonexistent/python3';
    const choice = await findPython({ modules: [], installHint: '' });
    if (!choice.available) return context.skip();
    expect(choice.python).not.toBe('/nonexistent/python3');
    const missing = await findPython({ modules: ['plugbench_no_such_module'], installHint: '' });
    expect(!missing.available && missing.reason).toMatch(/^needs .*tried \/nonexistent\/python3: /);
  });
});
