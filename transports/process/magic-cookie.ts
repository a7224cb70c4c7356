/**
 * The magic cookie (go-plugin's idea): the host puts it in the plugin's
 * environment, and a plugin started by hand without it refuses to run and says
 * that it is a plugin, instead of waiting silently on a terminal.
 */

export const MAGIC_COOKIE_KEY = 'PLUGBENCH_PLUGIN_MAGIC_COOKIE';
/** A fixed value: it marks "started by plugbench", it is not a secret. */
export const MAGIC_COOKIE_VALUE = 'f3b1c2d4e5a6-plugbench-revert-plugin';

/** What a plugin prints before exiting when the cookie is missing. */
export const NOT_BY_HAND_MESSAGE =
  'This is a plugbench plugin: it is meant to be started by plugbench (the host), not run by hand. ' +
  'Try `npx plugbench demo <target>` instead.';

/** Exit code a plugin uses when it refuses to run without the cookie. */
export const NOT_BY_HAND_EXIT_CODE = 64;

export function hasMagicCookie(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Plugin side: exits with a clear message unless the host started this process. */
export function refuseUnlessStartedByHost(): void {
  if (hasMagicCookie()) return;
  process.stderr.write(NOT_BY_HAND_MESSAGE + '\n');
  process.exit(NOT_BY_HAND_EXIT_CODE);
}
