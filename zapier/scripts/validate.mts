// `npm run validate`: the CLI's local schema validation (`zapier-platform validate --without-style`),
// offline. Style checks need Zapier's servers: run `npx zapier-platform validate` when online.
// `-- --app <id>`: another provider's app folder (zapier/apps/<id>/, built first with `npm run build -- --app <id>`).
import { join } from 'node:path';
import { zapierDir } from './build-options.mjs';
import { runZapierCli } from './zapier-cli.mjs';

const appFlag = process.argv.indexOf('--app');
const dir = appFlag >= 0 ? join(zapierDir, 'apps', process.argv[appFlag + 1]!) : zapierDir;
const result = runZapierCli(['validate', '--without-style'], dir);
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
