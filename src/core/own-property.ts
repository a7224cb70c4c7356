/**
 * Looking a name from outside (a file name, a unit in a results file, a method
 * a peer asked for) up in a table: only the table's own entries count, so
 * `toString`, `constructor` or `__proto__` never reach Object.prototype.
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
