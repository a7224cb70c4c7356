/**
 * Shared plumbing for every command: `--json` for free (oclif prints what run()
 * returns), and library errors turned into one-line messages with an exit code
 * only here, at the command boundary.
 */
import { Command } from '@oclif/core';
import { PluginError } from '../core/errors.js';
import { findTarget } from '../../transports/catalog.js';
import { outputWidth, textWidth, wrapText } from '../results/text-width.js';

/** Exit codes: 1 is kept for "compare found a regression"; every failure is 2. */
export const EXIT_FAILURE = 2;

/** What the failing run was: the command as typed ("bench") and the target the error names, if any. */
interface FailureContext {
  command: string;
  target: string | undefined;
}

const SUGGESTIONS: Partial<Record<PluginError['code'], (context: FailureContext) => string | undefined>> = {
  UNAVAILABLE: () => 'run `plugbench list` to see which targets can run here and why',
  // demo already narrates each step of the start; elsewhere it is the way to see them.
  START_FAILED: ({ command, target }) => (command === 'demo' ? undefined : `run \`plugbench demo ${target ?? '<target>'}\` to see where the start stops`),
  INVALID_INPUT: ({ command }) => `check the value named above; \`plugbench ${command} --help\` lists what is accepted`,
  INTEGRITY_FAILED: () => '`plugbench verify <dir> --pub KEY` lists every difference; after a deliberate change, sign again with `plugbench sign`',
};

/** Start failures begin with the target's name ("worker: did not start..."). */
function namedTarget(message: string): string | undefined {
  const name = /^([a-z0-9-]+):/.exec(message)?.[1];
  return name && findTarget(name) ? name : undefined;
}

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (PluginError.is(error)) {
      const typed = error as PluginError;
      const suggestion = SUGGESTIONS[typed.code]?.({ command: this.commandName(), target: namedTarget(typed.message) });
      if (this.jsonEnabled()) {
        this.logJson({ error: { code: typed.code, message: typed.message, ...(suggestion ? { suggestion } : {}) } });
      } else {
        // One line, unwrapped: what was wrong, then how to fix it.
        process.stderr.write(`plugbench: ${typed.code}: ${typed.message}${suggestion ? ` (${suggestion})` : ''}\n`);
      }
      return this.exit(EXIT_FAILURE);
    }
    const exit = (error as { oclif?: { exit?: number } }).oclif?.exit;
    if (exit === 0) return super.catch(error); // --help, --version
    // oclif's parse errors end "See more help with --help": name the command.
    const help = `(\`plugbench ${this.commandName()} --help\` lists what is accepted)`;
    const message = error.message.replace(/\s+/g, ' ').trim().replace(/\s*See more help with --help\.?$/, ` ${help}`);
    if (this.jsonEnabled()) this.logJson({ error: { code: 'USAGE', message } });
    else process.stderr.write(`plugbench: ${message}\n`);
    return this.exit(typeof exit === 'number' && exit !== 1 ? exit : EXIT_FAILURE);
  }

  /** The command as a user types it: "bench", "demo". */
  private commandName(): string {
    return (this.id ?? '').replaceAll(':', ' ');
  }

  /** Prints progress or narration unless the output is JSON, wrapped to the width (outputWidth) with `indent` on the lines it adds. */
  protected say(line: string, indent = '    '): void {
    if (this.jsonEnabled()) return;
    const width = outputWidth();
    // Lines that fit are kept as they are (tables, aligned narration); only longer ones wrap.
    for (const part of line.split('\n')) {
      for (const wrapped of textWidth(part) <= width ? [part] : wrapText(part, width, { rest: indent })) this.log(wrapped);
    }
  }
}
