// Where a crash's recovery time goes under a Supervisor with a warm spare
// (docs/decisions/warm-spare.md): for each crash, the time from the crash request to
// the supervisor's `crashed` event (the host learning of the death) and from there to
// the first good call on the spare (the switch). Each trial starts with a spare ready.
// Usage: node scripts/measure-spare-recovery.mjs [target] [trials]   (after npm run build)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findTarget } = await import(path.join(root, 'dist', 'transports', 'catalog.js'));
const { Supervisor } = await import(path.join(root, 'dist', 'src', 'core', 'supervisor.js'));
const [name = 'stdio-rpc', trialsArg = '10'] = process.argv.slice(2);
const entry = findTarget(name);
if (!entry) {
  console.error(`unknown target "${name}"`);
  process.exit(2);
}

let crashedAt;
let wakeSpare = () => {};
let spareReady = false;
const supervisor = await Supervisor.start(await entry.load(), { faultInjection: true }, {
  spare: true,
  restart: { initialDelayMs: 0, maxCrashes: Number.MAX_SAFE_INTEGER },
  onEvent: (event) => {
    if (event.type === 'crashed') crashedAt ??= performance.now();
    if (event.type === 'spare-used') spareReady = false;
    if (event.type === 'spare-ready') {
      spareReady = true;
      wakeSpare();
    }
  },
});
const noticed = [];
const switched = [];
try {
  for (let trial = 0; trial < Number(trialsArg); trial++) {
    if (!spareReady) await new Promise((resolve) => (wakeSpare = resolve));
    await supervisor.call('revert', ['warm']);
    crashedAt = undefined;
    const began = performance.now();
    const crash = supervisor.call('fault:crash', []).catch(() => {});
    for (;;) {
      try {
        await supervisor.call('revert', ['after the crash']);
        break;
      } catch {
        // Calls that reached the dying plugin fail with CRASHED; the next one goes to the spare.
      }
    }
    const good = performance.now();
    await crash;
    noticed.push(crashedAt - began);
    switched.push(good - crashedAt);
  }
} finally {
  await supervisor.stop();
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const [load1] = (await import('node:os')).loadavg();
console.log(`${name}, ${noticed.length} crashes with a spare; load average ${load1.toFixed(1)}`);
console.log(`crash request -> crash noticed: median ${median(noticed).toFixed(1)} ms (${noticed.map((ms) => ms.toFixed(1)).join(' ')})`);
console.log(`crash noticed -> first good call on the spare: median ${median(switched).toFixed(1)} ms (${switched.map((ms) => ms.toFixed(1)).join(' ')})`);
