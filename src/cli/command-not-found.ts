/**
 * oclif's command_not_found hook: one line saying the command does not exist,
 * with the closest command when the name looks like a typo, then exit 2.
 */
import type { Hook } from '@oclif/core';
import { closestName } from '../core/closest-name.js';
import { EXIT_FAILURE } from './base-command.js';

const hook: Hook.CommandNotFound = async function ({ id, argv }) {
  const typed = id.replaceAll(':', ' ');
  const commands = this.config.commandIDs.map((command) => command.replaceAll(':', ' '));
  const close = closestName(typed, commands);
  const message = `"${typed}" is not a plugbench command${close ? `; did you mean "${close}"?` : ''}`;
  const suggestion = 'run `plugbench --help` for the list of commands';
  if (argv?.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message, suggestion } })}\n`);
  else process.stderr.write(`plugbench: ${message} (${suggestion})\n`);
  process.exitCode = EXIT_FAILURE;
};

export default hook;
