// `npm run zip`: the real `zapier-platform build`, offline. The CLI runs `_zapier-build` (lib/),
// copies zapier/ to a temp folder outside the workspace and runs `npm install --production`
// there: package-lock.json (generated from the root lock) pins the tested versions, and npm
// takes them from its cache (`npm ci` filled it) with `offline` on. Validation is left to
// `npm run validate`: the build's own validation also runs Zapier's style checks (network).
// The CLI's smoke test of the zip (node zapierwrapper.js, node index.js) runs as part of build.
import { zapierDir } from './build-options.mjs';
import { runZapierCli } from './zapier-cli.mjs';

const result = runZapierCli(['build', '--skip-validation'], zapierDir);
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
