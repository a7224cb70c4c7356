import { createHostFunctions, findTarget } from 'plugbench';

const entry = findTarget('worker'); // any name from `plugbench list`
if (!entry) throw new Error('unknown target');
const target = await entry.load();
await using plugin = await target.start({ hostFunctions: createHostFunctions({ config: { prefix: '> ' } }) });
console.log(await plugin.call('revert', ['a😀b'], { timeoutMs: 1000 })); // "b😀a"
console.log(await plugin.call('revertWithPrefix', ['abc'])); // "> cba" (one callback to the host)
// leaving the block stops the plugin (await using: TypeScript 5.2+)
