// Builds a test provider's generated n8n package as n8n-node/scripts/build.mts builds a package (the same
// plan: entries requiring one shared module), with `@distribu/shared/providers/<id>` resolved to the test's
// host file (test providers live in the tests, not in shared/src/providers).
// Run: tsx test/hosts/support/build-package.mts <package dir> <id> <host file>
import { build } from 'esbuild';
import { join } from 'node:path';
import { buildPlan } from '../../../n8n-node/scripts/build-options.mjs';

const [dir, id, hostFile] = process.argv.slice(2);
if (!dir || !id || !hostFile) throw new Error('usage: tsx build-package.mts <package dir> <id> <host file>');
const provider = { name: id, setup: (b: import('esbuild').PluginBuild) => b.onResolve({ filter: new RegExp(`^@distribu/shared/providers/${id}$`) }, () => ({ path: hostFile })) };
const plan = await buildPlan(join(dir, 'dist'), dir, [provider]);
await Promise.all(plan.map((options) => build({ ...options, logLevel: 'warning' })));
