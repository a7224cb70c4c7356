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

/** What a plugin prints when the cookie is there but is not its own: started by the wrong host, or by hand with a typo. */
export function wrongCookieMessage(value: string): string {
  return (
    `${MAGIC_COOKIE_KEY} is ${JSON.stringify(value.slice(0, 80))}, which is not this plugin's cookie: the process that started it is not a plugbench host ` +
    `for this protocol. A plugbench revert plugin expects ${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE} (docs/plugin-protocol.md).`
  );
}

/** Exit code a plugin uses when it refuses to run without the cookie (or with another one). */
export const NOT_BY_HAND_EXIT_CODE = 64;

export function hasMagicCookie(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Plugin side: exits with a clear message unless the host started this process; a wrong cookie is told apart from none. */
export function refuseUnlessStartedByHost(): void {
  if (hasMagicCookie()) return;
  const value = process.env[MAGIC_COOKIE_KEY];
  process.stderr.write(`${value ? wrongCookieMessage(value) : NOT_BY_HAND_MESSAGE}\n`);
  process.exit(NOT_BY_HAND_EXIT_CODE);
}
