import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundFile, roundOrder } from '../../src/bench/rounds.js';
import { isSteady } from '../../src/bench/steady-warmup.js';

describe('roundOrder', () => {
  it('alternates who goes first, A B then B A, so neither side is always second', () => {
    const order = roundOrder(4, ['A', 'B']).map(({ round, side }) => `${round}${side}`);
    expect(order).toEqual(['1A', '1B', '2B', '2A', '3A', '3B', '4B', '4A']);
  });

  it('runs one side once per round', () => {
    expect(roundOrder(3, ['only'])).toEqual([1, 2, 3].map((round) => ({ round, side: 'only' })));
  });
});

describe('roundFile', () => {
  it('numbers the runs so they sort in the order measured', () => {
    expect(roundFile('/out', null, 3, 10)).toBe(path.join('/out', 'round-03.json'));
    expect(roundFile('/out', 'head', 7, 120)).toBe(path.join('/out', 'head', 'round-007.json'));
  });
});

describe('isSteady', () => {
  it('needs three batch medians within 10% of each other', () => {
    expect(isSteady([5, 3])).toBe(false);
    expect(isSteady([40, 12, 10.5, 10, 10.9])).toBe(true);
    expect(isSteady([40, 12, 10, 12, 10])).toBe(false);
  });
});
