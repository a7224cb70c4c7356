import { describe, expect, it } from 'vitest';
import { StopList, type Stoppable } from '../../src/bench/stop-list.js';

function fake(pid?: number): Stoppable & { stops: number } {
  const item = { stops: 0, pid, stop: async () => void item.stops++ };
  return item;
}

describe('StopList', () => {
  it('stops everything it holds, in nested scopes too, exactly once', async () => {
    const list = new StopList();
    const outer = list.add(fake());
    const scope = list.scope();
    const inner = scope.add(fake(123));
    expect(list.pids()).toEqual([123]);
    await list.stopAll();
    await list.stopAll();
    expect([outer.stops, inner.stops]).toEqual([1, 1]);
    expect(list.pids()).toEqual([]);
  });

  it('release stops one item and forgets it', async () => {
    const list = new StopList();
    const item = list.add(fake());
    await list.release(item);
    await list.stopAll();
    expect(item.stops).toBe(1);
  });

  it('stops at once what is added to a scope that already ended (a start that finished late)', async () => {
    const list = new StopList();
    const scope = list.scope();
    await scope.stopAll();
    const late = scope.add(fake());
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.stops).toBe(1);
  });

  it('does not wait forever for an item that never stops', async () => {
    const list = new StopList();
    list.add({ stop: () => new Promise<void>(() => {}) });
    await list.stopAll(50);
  });
});
