// `npm run sandbox:orisha`: serves an Orisha Commerce sandbox on 127.0.0.1:4020 with a machine
// client for administration ADM01 and a few records, and prints what a connector needs.
import { parseArgs } from 'node:util';
import { startOrishaSandbox } from './server';
import { seedOrisha } from './seed';

const USAGE = `Usage: npm run sandbox:orisha [-- --port 4020] [--duplicate-rate 0..1] [--late-rate 0..1] [--seed N] [--token-lifetime seconds]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'duplicate-rate': { type: 'string' }, 'late-rate': { type: 'string' }, seed: { type: 'string' }, 'token-lifetime': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(USAGE);
  const rate = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const options = {
    port: Number(values.port ?? 4020),
    duplicateRate: rate(values['duplicate-rate']),
    lateRate: rate(values['late-rate']),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    tokenLifetimeSeconds: values['token-lifetime'] === undefined ? undefined : Number(values['token-lifetime']),
  };
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined && !Number.isFinite(v)) {
      console.error(`${k} is not a number.\n${USAGE}`);
      process.exit(2);
    }
  }
  const sandbox = await startOrishaSandbox(options);
  const client = sandbox.addClient(['ADM01'], 'sandbox-client');
  seedOrisha(sandbox.store, 'ADM01');
  console.log(`Orisha Commerce sandbox listening on ${sandbox.url}`);
  console.log(`  API:            ${sandbox.url}/api/v1/administrations/ADM01/...`);
  console.log(`  Token URL:      ${sandbox.tokenUrl}`);
  console.log(`  Audience:       ${sandbox.audience}`);
  console.log(`  Administration: ADM01`);
  console.log(`  Client ID:      ${client.clientId}`);
  console.log(`  Client secret (shown once): ${client.clientSecret}`);
  console.log(`  Controls:       ${sandbox.url}/_sandbox (settings, clients, expire-tokens, settle, deliveries)`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
