/** Every list flag (`--targets`, `--suites`, `--probes`, `--floors`) is one comma-separated value. */
export function commaList(value: string | undefined): string[] | undefined {
  return value?.split(',').map((name) => name.trim()).filter(Boolean);
}
