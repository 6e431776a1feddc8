/**
 * Small CLI over the harness, for humans:
 *   npx tsx scripts/n8n/cli.ts install
 *   npx tsx scripts/n8n/cli.ts start [--package <file.tgz>] [--folder <dir>] [--port <n>]
 * `start` runs until Ctrl-C. The owner's login goes to a file readable only by you, never to the console.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installN8n } from './install';
import { N8nInstance } from './instance';

const USAGE = 'usage: npx tsx scripts/n8n/cli.ts install | start [--package <file.tgz>] [--folder <dir>] [--port <n>]';

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { package: { type: 'string' }, folder: { type: 'string' }, port: { type: 'string' } } });
  await installN8n();
  const n8n = await N8nInstance.create({
    userFolder: values.folder ? path.resolve(values.folder) : undefined,
    port: values.port ? Number(values.port) : undefined,
  });
  if (values.package) await n8n.installCommunityPackage(values.package);
  await n8n.start();
  const loginFile = path.join(n8n.userFolder, 'owner-login.txt');
  fs.writeFileSync(loginFile, `${n8n.owner.email}\n${n8n.owner.password}\n`, { mode: 0o600 });
  process.stderr.write(`[n8n] Open ${n8n.url} and log in with the email and password in ${loginFile}. Ctrl-C stops n8n.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await n8n.dispose({ keepFolder: Boolean(values.folder) });
}

async function main([command, ...args]: string[]): Promise<void> {
  switch (command) {
    case 'install': {
      const result = await installN8n();
      process.stderr.write(`[n8n] n8n ${result.version} ${result.cached ? 'was already installed' : 'installed'} in ${result.dir} (${result.seconds} s)\n`);
      return;
    }
    case 'start':
      return start(args);
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`[n8n] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
