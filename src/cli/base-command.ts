/**
 * Shared plumbing for every command: `--json` for free (oclif prints what run()
 * returns), and library errors turned into one-line messages with an exit code
 * only here, at the command boundary.
 */
import { Command } from '@oclif/core';
import { PluginError } from '../core/errors.js';

/** Exit codes: 1 is kept for "compare found a regression"; every failure is 2. */
export const EXIT_FAILURE = 2;

const SUGGESTIONS: Partial<Record<PluginError['code'], string>> = {
  UNAVAILABLE: 'run `plugbench list` to see which targets can run here and why',
  START_FAILED: 'run `plugbench demo <target>` to see where the start stops',
  INVALID_INPUT: 'check the value named above; `plugbench <command> --help` lists what is accepted',
  INTEGRITY_FAILED: '`plugbench verify <dir> --pub KEY` lists every difference; after a deliberate change, sign again with `plugbench sign`',
};

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (PluginError.is(error)) {
      const typed = error as PluginError;
      const suggestion = SUGGESTIONS[typed.code];
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
    const message = error.message.replace(/\s+/g, ' ').trim();
    if (this.jsonEnabled()) this.logJson({ error: { code: 'USAGE', message } });
    else process.stderr.write(`plugbench: ${message}\n`);
    return this.exit(typeof exit === 'number' && exit !== 1 ? exit : EXIT_FAILURE);
  }

  /** Prints progress or narration unless the output is JSON. */
  protected say(line: string): void {
    if (!this.jsonEnabled()) this.log(line);
  }
}
