// The revert plugin as a plain script, for the vm and quickjs targets: no
// imports, no exports. Every function defined at top level is a method; each
// receives its arguments and, last, a `host` client (host.getConfig(key),
// host.log(level, message), host.call(name, ...args)). `PluginError(code,
// message)` is provided by the host so a failure keeps its code.
var name = 'revert';
var version = '1.0.0';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text) {
  if (typeof text !== 'string') {
    throw new PluginError('INVALID_INPUT', 'text must be a string, got ' + (text === null ? 'null' : typeof text));
  }
  if (LONE_SURROGATE.test(text)) {
    throw new PluginError('INVALID_INPUT', 'text is not well-formed Unicode: it holds a lone surrogate');
  }
}

// Reverses by code point: Array.from splits on code points, so emoji stay whole.
function revert(text) {
  checkText(text);
  return Array.from(text).reverse().join('');
}

// One callback: asks the host for its prefix, then reverts.
async function revertWithPrefix(text, host) {
  checkText(text);
  var prefix = await host.getConfig('prefix');
  return (prefix === null ? '' : prefix) + revert(text);
}

function exit() {}
