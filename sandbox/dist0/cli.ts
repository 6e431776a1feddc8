// `npm run sandbox -- --provider dist0 [--port 4020] [--fast-retries] [--new-delivery-ids]`: serves
// the dist0 sandbox on loopback with the docs' example project and prints its key and controls.
import { parseArgs } from 'node:util';
import { startDist0Sandbox } from './server';

export async function serveDist0(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: 'string' },
      port: { type: 'string', default: '4020' },
      key: { type: 'string' },
      'fast-retries': { type: 'boolean' },
      'new-delivery-ids': { type: 'boolean' },
      'allow-external': { type: 'boolean' },
    },
  });
  const sandbox = await startDist0Sandbox({
    port: Number(values.port),
    apiKey: values.key,
    allowExternal: values['allow-external'],
    retry: {
      ...(values['fast-retries'] ? { firstGapMs: 500, timeoutMs: 2_000 } : {}),
      deliveryIdStyle: values['new-delivery-ids'] ? 'new' : 'same',
    },
  });
  const project = sandbox.project!;
  console.log(`dist0 sandbox listening on ${sandbox.url}`);
  console.log(`  Read API:  POST ${sandbox.url}/api/v1/invoke, GET ${sandbox.url}/api/v1/capabilities`);
  console.log(`  API key (not tied to a project, shown once): ${sandbox.apiKey}`);
  console.log(`  Project:   ${project.id} (${project.name})`);
  console.log(`  Controls:  ${sandbox.url}/_sandbox (see sandbox/dist0/README.md)`);
  console.log(`Point sends at a URL:  curl -X PUT ${sandbox.url}/_sandbox/projects/${project.id}/webhook -H 'content-type: application/json' -d '{"url":"http://127.0.0.1:5678/webhook/…","enabled":true}'`);
  console.log(`Find a signal:         curl -X POST ${sandbox.url}/_sandbox/signals -H 'content-type: application/json' -d '{"projectId":"${project.id}","kind":"pain"}'`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
