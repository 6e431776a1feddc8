// What each Orisha Commerce real-n8n suite starts from: n8n-nodes-orisha-commerce built, packed and installed as a
// community package into a fresh n8n 2.40.7, an Orisha sandbox on loopback, a machine identity for n8n's credential.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N8nClient } from '../../../scripts/n8n/api';
import { runOrThrow } from '../../../scripts/n8n/exec';
import { installN8n } from '../../../scripts/n8n/install';
import { N8nInstance } from '../../../scripts/n8n/instance';
import { repoRoot } from '../../../scripts/n8n/paths';
import { startOrishaSandbox, type OrishaSandbox, type OrishaSandboxOptions } from '../../../sandbox/orisha/server';
import { ORISHA_PACKAGE } from '../../../scripts/n8n/orisha-workflow';

export const ORISHA_ADM = 'ADM01';
export { ORISHA_PACKAGE, ORISHA_TRIGGER, orishaTriggerWorkflow } from '../../../scripts/n8n/orisha-workflow';

export interface OrishaRig {
  workDir: string;
  sandbox: OrishaSandbox;
  n8n: N8nInstance;
  api: N8nClient;
  /** The machine identity in n8n's credential. */
  identity: { clientId: string; clientSecret: string };
  credential: { id: string; name: string };
  dispose(): Promise<void>;
}

export async function startOrishaRig(name: string, log: (line: string) => void, sandboxOptions: OrishaSandboxOptions = {}): Promise<OrishaRig> {
  await installN8n({ log });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const pkg = path.join(repoRoot, 'n8n-node/packages/orisha');
  await runOrThrow(`Building ${ORISHA_PACKAGE}`, 'npm', ['run', 'build', '-w', 'n8n-node', '--', '--package', 'orisha'], { cwd: repoRoot });
  const packed = JSON.parse(await runOrThrow(`npm pack of ${ORISHA_PACKAGE}`, 'npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', workDir], { cwd: pkg })) as Array<{ filename: string }>;
  const sandbox = await startOrishaSandbox(sandboxOptions);
  const identity = sandbox.addClient([ORISHA_ADM]);
  const n8n = await N8nInstance.create({ userFolder: path.join(workDir, 'n8n'), log });
  await n8n.installCommunityPackage(path.join(workDir, packed[0]!.filename));
  await n8n.start();
  const api = new N8nClient(n8n.url);
  await api.login(n8n.owner.email, n8n.owner.password);
  api.useApiKey(await api.createApiKey(name));
  const made = await api.createCredential({
    name: 'Orisha sandbox',
    type: 'orishaCommerceApi',
    data: { clientId: identity.clientId, clientSecret: identity.clientSecret, administrationCode: ORISHA_ADM, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, audience: sandbox.audience },
  });
  return {
    workDir,
    sandbox,
    n8n,
    api,
    identity: { clientId: identity.clientId, clientSecret: identity.clientSecret },
    credential: { id: made.id, name: made.name },
    async dispose() {
      // n8n's log outlives the temp folder, as the Distribu rig's does (scripts/n8n/rig.ts).
      if (fs.existsSync(n8n.logFile)) fs.copyFileSync(n8n.logFile, path.join(repoRoot, '.cache', `${name}-last.log`));
      await n8n.dispose().catch(() => undefined);
      await sandbox.close().catch(() => undefined);
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
