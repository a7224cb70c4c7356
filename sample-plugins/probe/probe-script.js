// The isolation probe as a plain script (vm and quickjs targets): top-level
// functions, no imports. A script has no `process` or `require`, so each probe
// first looks for a way out to the host: its own globals, then the classic
// node:vm escape through any host object's Function constructor. An engine that
// is a real boundary leaves every path closed, and the probe throws.
var name = 'probe';
var version = '1.0.0';

function revert(text) {
  return Array.from(text).reverse().join('');
}

function exit() {}

function probeIdentify() {
  return { probe: true, form: 'script' };
}

// Evaluates `body` in the host's realm if any object on the global leads there.
function inHostRealm(body) {
  var names = Object.getOwnPropertyNames(globalThis);
  for (var i = 0; i < names.length; i++) {
    try {
      var value = globalThis[names[i]];
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
      var result = value.constructor.constructor(body)();
      if (result) return result;
    } catch (error) {
      // this path is closed; try the next
    }
  }
  return undefined;
}

function hostProcess() {
  if (typeof process !== 'undefined' && process.versions && process.versions.node) return process;
  var found = inHostRealm('return typeof process !== "undefined" && process.versions && process.versions.node ? process : undefined');
  if (!found) throw new Error('no way to the host: no process object, and no host object leads to one');
  return found;
}

function builtin(id) {
  var proc = hostProcess();
  if (typeof proc.getBuiltinModule !== 'function') throw new Error('the host process offers no getBuiltinModule');
  return proc.getBuiltinModule(id);
}

function probeReadFile(file) {
  return builtin('node:fs').readFileSync(file, 'utf8');
}

function probeReadEnv(variable) {
  var value = hostProcess().env[variable];
  return value === undefined ? null : value;
}

function probeSpawn() {
  var proc = hostProcess();
  return builtin('node:child_process').execFileSync(proc.execPath, ['-e', 'process.stdout.write("spawned")'], { encoding: 'utf8', timeout: 10000 });
}

function probeConnect(host, port, token) {
  var net = builtin('node:net');
  return new Promise(function (resolve, reject) {
    var socket = net.connect({ host: host, port: port }, function () {
      socket.end(token, function () { resolve('connected'); });
    });
    socket.setTimeout(10000, function () { socket.destroy(new Error('connect timed out')); });
    socket.on('error', reject);
  });
}

// Marks its own global, and the host's global if a way leads there.
function probeGlobals(token) {
  globalThis.__plugbenchProbe = token;
  Object.defineProperty(Array.prototype, '__plugbenchProbe', { value: token, configurable: true, writable: true });
  var hostGlobal = inHostRealm('return globalThis');
  if (hostGlobal && hostGlobal !== globalThis) hostGlobal.__plugbenchProbe = token;
  return 'marked';
}

function probeAllocate(capMiB) {
  var hoard = [];
  while (hoard.length < capMiB) hoard.push(new Array(131072).fill(hoard.length));
  return hoard.length;
}

function probeLoop() {
  for (;;) {
    // spin
  }
}
