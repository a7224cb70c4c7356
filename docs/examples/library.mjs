import { createHostFunctions, findTarget } from 'plugbench';

const target = await findTarget('worker').load(); // any name from `plugbench list`
const plugin = await target.start({ hostFunctions: createHostFunctions({ config: { prefix: '> ' } }) });
try {
  console.log(await plugin.call('revert', ['a😀b'], { timeoutMs: 1000 })); // "b😀a"
  console.log(await plugin.call('revertWithPrefix', ['abc'])); // "> cba" (one callback to the host)
} finally {
  await plugin.stop(); // Node 20 has no `await using`
}
