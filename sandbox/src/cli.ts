import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { startSandbox } from './index';

// `npm run sandbox` serves a seeded sandbox Distribu on 127.0.0.1:4010 and prints a full-scope key.
// `npm run sandbox -- fire <event> [--variant v] [--url http://127.0.0.1:4010]` fires an event at a running one.
// `npm run sandbox -- action <action> [--data '{"productId":"..."}']` runs a storefront/dashboard action.

const USAGE = `Usage:
  npm run sandbox [-- --port 4010] [--no-seed] [--quiet] [--key dk_...] [--allow-external] [--state sandbox.json]
      (deliveries go to loopback URLs only unless --allow-external)
  npm run sandbox -- fire <event> [--variant <variant>] [--url http://127.0.0.1:4010]
  npm run sandbox -- action <action> [--data '<json>'] [--url http://127.0.0.1:4010]
  npm run sandbox -- events [--url ...]      (what can be fired)
  npm run sandbox -- --provider dist0 [--port 4020] [--fast-retries] [--new-delivery-ids]   (dist0's sandbox: sandbox/dist0/README.md)`;

async function serve(values: { port?: string; 'no-seed'?: boolean; quiet?: boolean; key?: string; 'allow-external'?: boolean; state?: string }): Promise<void> {
  const port = Number(values.port ?? process.env.SANDBOX_PORT ?? 4010);
  const sandbox = await startSandbox({
    port,
    seed: !values['no-seed'],
    apiKey: values.key ?? process.env.SANDBOX_API_KEY,
    allowExternalDeliveries: values['allow-external'],
    statePath: values.state,
    plugins: values.quiet ? [] : [logRequests],
  });
  console.log(`Distribu sandbox listening on ${sandbox.url}`);
  console.log(`  Dashboard:  ${sandbox.url}/  (webhooks, live deliveries, fire events)`);
  console.log(`  REST API:   ${sandbox.url}/api/v1`);
  console.log(`  Controls:   ${sandbox.url}/_sandbox`);
  console.log(`  API key (all scopes, shown once): ${sandbox.apiKey}`);
  console.log(`Fire an event: npm run sandbox -- fire order.created --variant storefront --url ${sandbox.url}`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Concise request lines; never headers, query strings or bodies (they may carry keys and secrets). */
function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0];
    console.log(`${new Date().toISOString()} ${request.method} ${path} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms`);
  });
}

async function call(url: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${url.replace(/\/+$/, '')}/_sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  console.log(text ? JSON.stringify(JSON.parse(text), null, 2) : `HTTP ${res.status}`);
  if (!res.ok) process.exitCode = 1;
}

async function main(): Promise<void> {
  // Another provider's sandbox (`-- --provider dist0`): its own CLI takes every argument.
  const provider = process.argv.slice(2).find((arg, i, all) => arg.startsWith('--provider=') || all[i - 1] === '--provider');
  if (provider) {
    const name = provider.replace(/^--provider=/, '');
    if (name === 'dist0') return (await import('../dist0/cli')).serveDist0(process.argv.slice(2));
    throw new Error(`No sandbox for the provider "${name}" (Distribu's is the default).`);
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      url: { type: 'string', default: process.env.SANDBOX_URL ?? 'http://127.0.0.1:4010' },
      variant: { type: 'string' },
      data: { type: 'string' },
      key: { type: 'string' },
      'no-seed': { type: 'boolean' },
      quiet: { type: 'boolean' },
      'allow-external': { type: 'boolean' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, name] = positionals;
  if (values.help) return console.log(USAGE);
  if (!command || command === 'serve') return serve(values);
  if (command === 'events') return call(values.url!, '/events');
  if (!name) throw new Error(`Missing the ${command === 'fire' ? 'event' : 'action'} name.\n${USAGE}`);
  if (command === 'fire') return call(values.url!, `/events/${encodeURIComponent(name)}`, values.variant ? { variant: values.variant } : {});
  if (command === 'action') return call(values.url!, `/actions/${encodeURIComponent(name)}`, values.data ? JSON.parse(values.data) : {});
  throw new Error(`Unknown command "${command}".\n${USAGE}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
