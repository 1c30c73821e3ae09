// Compiles server/src/service/text/count.wat into countModule.ts (the module's bytes as
// base64, for both the Node and the Worker builds, with no file to load at run time).
// `--check` compiles and compares instead of writing: test/service/countWasm.test.ts runs
// it, so the bytes that ship cannot drift from the source beside them.
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const source = new URL('../server/src/service/text/count.wat', import.meta.url);
const target = new URL('../server/src/service/text/countModule.ts', import.meta.url);

const wabt = await wabtInit();
let module;
try {
  module = wabt.parseWat('count.wat', readFileSync(source, 'utf8'));
  module.validate();
} catch (error) {
  // wabt's message names the line; its stack is a page of minified code.
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}
const { buffer } = module.toBinary({});
module.destroy();
const base64 = Buffer.from(buffer).toString('base64');
const lines = base64.match(/.{1,96}/g) ?? [];
const text = `// Generated from count.wat by scripts/build-wasm.mjs (npm run build:wasm): do not edit.
// ${buffer.length} bytes of WebAssembly, base64.
export const COUNT_WASM =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}
`;

if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    console.error('countModule.ts is not the compiled count.wat: run npm run build:wasm');
    process.exit(1);
  }
  console.log(`countModule.ts matches count.wat (${buffer.length} bytes)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote countModule.ts (${buffer.length} bytes of WebAssembly)`);
}
