// `npm run generate`: writes every generated file (scripts/generated-files.ts). `--check` only
// reports what is out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles, repoRoot as root } from './generated-files';

const check = process.argv.includes('--check');
let stale = 0;
const files = Object.entries(generatedFiles());
for (const [path, content] of files) {
  const file = join(root, path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current === content) continue;
  stale += 1;
  if (check) console.log(`out of date: ${path}`);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`wrote ${path}`);
  }
}
if (stale === 0) console.log(`All ${files.length} generated files are up to date.`);
else if (check) {
  console.log(`${stale} of ${files.length} generated files are out of date: run \`npm run generate\`.`);
  process.exit(1);
}
