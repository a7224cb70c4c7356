/** Human-readable units shared by suite names, the table and the Markdown. */

const BYTE_UNITS = [
  { size: 1024 * 1024 * 1024, short: 'GiB' },
  { size: 1024 * 1024, short: 'MiB' },
  { size: 1024, short: 'KiB' },
] as const;

/** 1048576 -> "1 MiB" (or "1MiB" with `compact`, for metric names); fractions keep one decimal. */
export function formatBytes(bytes: number, compact = false): string {
  const sep = compact ? '' : ' ';
  for (const unit of BYTE_UNITS) {
    if (Math.abs(bytes) >= unit.size) {
      const value = bytes / unit.size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${sep}${unit.short}`;
    }
  }
  return `${Math.round(bytes)}${sep}B`;
}

/** A duration in ms as µs, ms or s with three significant digits. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${significant(ms * 1000)} µs`;
  if (ms < 1000) return `${significant(ms)} ms`;
  return `${significant(ms / 1000)} s`;
}

/** 12345.6 -> "12.3k", 1234567 -> "1.23M". */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1e6) return `${significant(value / 1e6)}M`;
  if (Math.abs(value) >= 1e4) return `${significant(value / 1e3)}k`;
  return significant(value);
}

export function significant(value: number, digits = 3): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}
