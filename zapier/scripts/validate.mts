// `npm run validate`: the CLI's local schema validation (`zapier-platform validate --without-style`),
// offline. Style checks need Zapier's servers: run `npx zapier-platform validate` when online.
import { zapierDir } from './build-options.mjs';
import { runZapierCli } from './zapier-cli.mjs';

const result = runZapierCli(['validate', '--without-style'], zapierDir);
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
