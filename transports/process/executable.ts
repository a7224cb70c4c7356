/** Whether a file can be run, and where a command is on PATH: for probes that must not start anything. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `command` as a path, searched on PATH like the shell does; undefined when not found. */
export function resolveCommand(command: string): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  return (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, command)).find(isExecutable);
}
