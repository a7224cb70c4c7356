#!/usr/bin/env node
/**
 * Prints docs/ci.md's table: with n runs per side the U test cannot go below
 * p = 2 / C(2n, n), and Holm asks the first of k judged rows for p < alpha / k,
 * so at most this many rows can be judged at all. `node scripts/rounds-table.mjs [alpha]`
 */
import { minimumTwoSidedP } from '../dist/src/stats/shift.js';

const alpha = Number(process.argv[2] ?? 0.05);
console.log(`| runs per side | smallest p | rows that can be judged at alpha ${alpha} |`);
console.log('|---:|---:|---:|');
for (let n = 4; n <= 12; n++) {
  const p = minimumTwoSidedP(n, n);
  const rows = Math.max(0, Math.ceil(alpha / p) - 1);
  console.log(`| ${n} | ${Number(p.toPrecision(2))} | ${rows.toLocaleString('en-US')} |`);
}
