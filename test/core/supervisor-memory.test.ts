/** The Supervisor's policy over in-memory plugins: crash window, give-up, a hung plugin replaced, swap. Milliseconds each. */
import { describe, expect, it } from 'vitest';
import { targetFromDescriptor } from '../../src/core/descriptor-target.js';
import { Supervisor } from '../../src/core/supervisor.js';
import { expectCode } from '../helpers/expect-code.js';
import { memoryDescriptor, memoryPlugin } from '../helpers/memory-connection.js';

/** The Supervisor hears of a crash through the handle's `exited`, a few microtasks later. */
const noticed = () => new Promise((resolve) => setImmediate(resolve));

function memoryTarget() {
  const plugin = memoryPlugin();
  return { plugin, target: targetFromDescriptor(memoryDescriptor('mem', plugin)) };
}

describe('Supervisor over in-memory plugins', () => {
  it('restarts after each crash until the window is full, then gives up and closes every connection', async () => {
    const { plugin, target } = memoryTarget();
    const supervisor = await Supervisor.start(target, {}, { restart: { maxCrashes: 3, initialDelayMs: 1 } });
    for (let crash = 1; crash <= 2; crash++) {
      plugin.opened.at(-1)!.crash();
      await noticed();
      expect(await supervisor.call('revert', ['ab'], { timeoutMs: 5_000 })).toBe('ba');
    }
    expect(plugin.opened).toHaveLength(3);
    plugin.opened.at(-1)!.crash();
    await noticed();
    const error = await expectCode(supervisor.call('revert', ['x'], { timeoutMs: 5_000 }), 'CRASHED');
    expect(error.message).toMatch(/gave up after 3 crashes/);
    await supervisor.stop();
    expect(plugin.opened.map((connection) => connection.closes)).toEqual([1, 1, 1]);
  });

  it('replaces a plugin that timed out and then fails its health check', async () => {
    const { plugin, target } = memoryTarget();
    await using supervisor = await Supervisor.start(target, {}, { restart: { initialDelayMs: 1 } });
    plugin.opened[0]!.deaf = true;
    await expectCode(supervisor.call('stall', [], { timeoutMs: 20 }), 'TIMEOUT');
    expect(await supervisor.call('revert', ['ok'], { timeoutMs: 10_000 })).toBe('ko');
    expect(plugin.opened).toHaveLength(2);
    expect(supervisor.recoveries[0]).toMatchObject({ cause: 'unresponsive' });
  });

  it('swaps to a fresh plugin, letting calls in flight on the old one finish', async () => {
    const { plugin, target } = memoryTarget();
    await using supervisor = await Supervisor.start(target);
    const inFlight = supervisor.call('sleep', [30]);
    await supervisor.swap();
    expect(await inFlight).toBe('slept');
    expect(await supervisor.call('revert', ['ab'])).toBe('ba');
    expect(plugin.opened).toHaveLength(2);
    expect(plugin.opened[0]!.closes).toBe(1);
  });
});

describe('Supervisor with a warm spare', () => {
  it('answers the first call after a crash from the spare, and starts a new spare', async () => {
    const { plugin, target } = memoryTarget();
    const events: string[] = [];
    await using supervisor = await Supervisor.start(target, {}, { spare: true, restart: { initialDelayMs: 1 }, onEvent: (event) => events.push(event.type) });
    await until(() => events.includes('spare-ready'));
    expect(plugin.opened).toHaveLength(2);
    plugin.opened[0]!.crash();
    await noticed();
    expect(await supervisor.call('revert', ['ab'])).toBe('ba');
    expect(supervisor.recoveries[0]).toMatchObject({ cause: 'crash', restartMs: 0 });
    await until(() => events.filter((type) => type === 'spare-ready').length === 2);
    expect(plugin.opened).toHaveLength(3);
  });

  it('switches to the spare as soon as a call times out and starts the next spare at once; the old plugin, though it answers, is then stopped', async () => {
    const { plugin, target } = memoryTarget();
    const events: string[] = [];
    await using supervisor = await Supervisor.start(target, {}, { spare: true, onEvent: (event) => events.push(event.type) });
    await until(() => events.includes('spare-ready'));
    const first = supervisor.handle;
    await expectCode(supervisor.call('sleep', [200], { timeoutMs: 20 }), 'TIMEOUT');
    expect(supervisor.handle).not.toBe(first);
    expect(await supervisor.call('revert', ['ok'])).toBe('ko');
    await until(() => events.filter((type) => type === 'spare-ready').length === 2);
    expect(plugin.opened).toHaveLength(3);
    await until(() => plugin.opened[0]!.closes === 1);
  });

  it('has the next spare ready before the hung plugin has failed its health check', async () => {
    const { plugin, target } = memoryTarget();
    const events: string[] = [];
    await using supervisor = await Supervisor.start(target, {}, { spare: true, hangCheckMs: 60_000, onEvent: (event) => events.push(event.type) });
    await until(() => events.includes('spare-ready'));
    plugin.opened[0]!.deaf = true;
    await expectCode(supervisor.call('stall', [], { timeoutMs: 20 }), 'TIMEOUT');
    await until(() => events.filter((type) => type === 'spare-ready').length === 2);
    expect(events).not.toContain('crashed');
    expect(await supervisor.call('revert', ['ok'])).toBe('ko');
  });

  it('replaces a hung plugin behind the spare: it fails the health check and a new spare starts', async () => {
    const { plugin, target } = memoryTarget();
    const events: string[] = [];
    await using supervisor = await Supervisor.start(target, {}, { spare: true, hangCheckMs: 30, restart: { initialDelayMs: 1 }, onEvent: (event) => events.push(event.type) });
    await until(() => events.includes('spare-ready'));
    plugin.opened[0]!.deaf = true;
    await expectCode(supervisor.call('stall', [], { timeoutMs: 20 }), 'TIMEOUT');
    expect(await supervisor.call('revert', ['ok'])).toBe('ko');
    await until(() => plugin.opened.length === 3);
    // The hung plugin is closed once it has failed its health check (the new spare started at the switch).
    await until(() => plugin.opened[0]!.closes === 1);
    expect(events).toContain('crashed');
  });

  it('stops the spare with the supervisor', async () => {
    const { plugin, target } = memoryTarget();
    const events: string[] = [];
    const supervisor = await Supervisor.start(target, {}, { spare: true, onEvent: (event) => events.push(event.type) });
    await until(() => events.includes('spare-ready'));
    await supervisor.stop();
    expect(plugin.opened.map((connection) => connection.closes)).toEqual([1, 1]);
  });
});

/** Waits for a condition the supervisor reaches in the background, within a bound that only catches a hang. */
async function until(condition: () => boolean, boundMs = 5_000): Promise<void> {
  const began = performance.now();
  while (!condition()) {
    if (performance.now() - began > boundMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
