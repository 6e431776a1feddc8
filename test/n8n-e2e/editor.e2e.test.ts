/**
 * The Distribu nodes in n8n 2.40.7's real editor, in headless Chromium (Debian's, driven by playwright-core): the
 * packed n8n-nodes-distribu installed as a community package, logged in as the instance owner, against the sandbox.
 * Every node the package registers (package.json `n8n.nodes`, display names read from the built files) must be in
 * the node panel and open with its credential selected and no parameter issue; the trigger's editor texts are
 * checked where n8n renders them. Screenshots are kept in test-results/n8n-editor/ (git-ignored).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import type { Page } from 'playwright-core';
import type { Credential, WorkflowNode } from '../../scripts/n8n/api';
import { DISTRIBU_CREDENTIAL_TYPE, DISTRIBU_PACKAGE, distribuWorkflow } from '../../scripts/n8n/distribu-workflow';
import { repoRoot } from '../../scripts/n8n/paths';
import { N8nRig } from '../../scripts/n8n/rig';
import { describeApiError, getEvent, WEBHOOK_CAP, WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';
import { NO_API_AT_BASE_URL, TRIGGER_ACTIVATION_MESSAGE } from '../../n8n-node/nodes/shared/editor-texts';
import { type Browser, openBrowser } from '../dashboard/support/browser';

const MINUTE = 60_000;
const SCREENSHOTS = path.join(repoRoot, 'test-results', 'n8n-editor');
const log = (line: string) => process.stderr.write(`[n8n-editor] ${line}\n`);

/**
 * Parameters that make each node complete. A node not listed here is placed with n8n's defaults; if those leave a
 * required parameter empty, the test names it, and the node gets an entry here.
 */
const CONFIGURED: Record<string, Record<string, unknown>> = {
  distribuTrigger: { events: ['order.created', 'customer.created'], options: {} },
  // The action node (branch h/action): an operation whose inputs are all optional.
  distribu: { resource: 'order', operation: 'getAll' },
};

interface PackageNode {
  type: string;
  description: INodeTypeDescription;
}

/** Every node the package registers, as n8n loads it: from the built files package.json lists. */
function packageNodes(): PackageNode[] {
  const packageDir = path.join(repoRoot, 'n8n-node');
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
  return manifest.n8n.nodes.map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(packageDir, file)) as Record<string, new () => INodeType>;
    const NodeClass = Object.values(exports).find((value) => typeof value === 'function');
    if (!NodeClass) throw new Error(`${file} exports no node class`);
    const { description } = new NodeClass();
    return { type: `${DISTRIBU_PACKAGE}.${description.name}`, description };
  });
}

const byTestId = (page: Page, id: string) => page.locator(`[data-test-id="${id}"]`);

async function screenshot(page: Page, name: string): Promise<void> {
  // Lets a dialog's fade-in finish, for a readable picture (nothing is asserted on it).
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The credential the node's credential picker shows. */
async function selectedCredential(page: Page): Promise<string> {
  return byTestId(page, 'node-credentials-select')
    .first()
    .evaluate((el) => (el.querySelector('input') as { value?: string } | null)?.value || (el.textContent ?? '').trim());
}

describe('the Distribu nodes in the real n8n editor (Chromium)', () => {
  let rig: N8nRig | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let credential: Credential;
  let nodes: PackageNode[];
  let workflowId: string;
  const nodeName = (node: PackageNode) => node.description.defaults.name ?? node.description.displayName;

  /** Opens the workflow in the editor, answering n8n's "leave page?" prompt from an unsaved change before. */
  async function openWorkflow(): Promise<void> {
    await page.goto(`${rig!.n8n.url}/workflow/${workflowId}`);
    await byTestId(page, 'canvas-node').first().waitFor({ timeout: MINUTE });
  }

  beforeAll(async () => {
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    rig = await N8nRig.start({ name: 'n8n-editor', log });
    credential = rig.credential;
    // packageNodes reads the build the rig just packed.
    nodes = packageNodes();
    log(`package nodes: ${nodes.map((n) => `${n.description.displayName} (${n.type})`).join(', ')}`);
    const workflowNodes: WorkflowNode[] = nodes.map((node, index) => ({
      name: nodeName(node),
      type: node.type,
      typeVersion: Array.isArray(node.description.version) ? Math.max(...node.description.version) : node.description.version,
      position: [index * 300, 0],
      parameters: CONFIGURED[node.description.name] ?? {},
      credentials: { [DISTRIBU_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
      ...(node.description.webhooks?.length ? { webhookId: randomUUID() } : {}),
    }));
    const workflow = await rig.api.createWorkflow({ name: 'Distribu editor', nodes: workflowNodes, connections: {}, settings: { executionOrder: 'v1' } });
    workflowId = workflow.id;

    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    page.on('dialog', (dialog) => void dialog.accept());
    // The rig's own login session, carried by the browser: one login per n8n, over the client every suite uses
    // (a second login from the browser's request context once hung for 30 s on a loaded CI machine).
    await page.context().addCookies([{ ...rig.api.sessionCookie, url: rig.n8n.url }]);
  }, 15 * MINUTE);

  afterAll(async () => {
    await browser?.close();
    await rig?.dispose();
  }, 2 * MINUTE);

  /** Searches the open node panel for Distribu and opens the first entry: the node types its entries list. */
  async function distribuEntriesInPanel(): Promise<string[]> {
    const entries = page.locator(`[data-test-id="node-creator"] [data-keyboard-nav-id^="${DISTRIBU_PACKAGE}."]`);
    const navIds = () => entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-keyboard-nav-id') ?? ''));
    await byTestId(page, 'node-creator-search-bar').fill('Distribu');
    await entries.first().waitFor();
    const ids = await navIds();
    // n8n groups an app's nodes under one entry; its details list the actions or triggers, each by node type.
    await entries.first().click();
    await byTestId(page, 'node-creator-action-item').first().waitFor();
    return [...ids, ...(await navIds())];
  }

  test('the node panel lists every node of the package; a trigger added from it opens complete, with the credential', async () => {
    // An empty workflow's first step offers triggers; the step after a node offers actions.
    const empty = await rig!.api.createWorkflow({ name: 'Distribu first step', nodes: [], connections: {}, settings: { executionOrder: 'v1' } });
    await page.goto(`${rig!.n8n.url}/workflow/${empty.id}`);
    await byTestId(page, 'canvas-add-button').click();
    const found = await distribuEntriesInPanel();
    await screenshot(page, 'node-panel-first-step');

    const trigger = nodes.find((node) => node.type === `${DISTRIBU_PACKAGE}.distribuTrigger`)!;
    // n8n lists a trigger's events as "On <label in lower case>".
    const orderCreated = getEvent('order.created')!.label;
    await page.locator(`[data-keyboard-nav-id^="${trigger.type}-"]`).filter({ hasText: `On ${orderCreated.toLowerCase()}` }).click();
    await byTestId(page, 'ndv').waitFor();
    await page.getByText(orderCreated, { exact: true }).first().waitFor();
    await screenshot(page, 'node-panel-added-trigger');
    expect(await selectedCredential(page)).toBe(credential.name);
    expect(await byTestId(page, 'ndv').locator('[data-test-id="parameter-issues"]').count()).toBe(0);

    await openWorkflow();
    await byTestId(page, 'node-creator-plus-button').click();
    found.push(...(await distribuEntriesInPanel()));
    await screenshot(page, 'node-panel-next-step');
    const listed = nodes.filter((node) => found.some((id) => id.startsWith(`${node.type}-`)));
    expect(listed.map((n) => n.type)).toEqual(nodes.map((n) => n.type));
  }, 5 * MINUTE);

  test('every node opens with its credential and no parameter issue, on the canvas or in its panel', async () => {
    await openWorkflow();
    await screenshot(page, 'canvas');
    expect(await byTestId(page, 'node-issues').count()).toBe(0);
    for (const node of nodes) {
      const name = nodeName(node);
      await byTestId(page, 'canvas-node').filter({ has: page.getByText(name, { exact: true }) }).dblclick();
      const ndv = byTestId(page, 'ndv');
      await ndv.waitFor();
      await byTestId(page, 'node-credentials-select').first().waitFor();
      await screenshot(page, `ndv-${node.description.name}`);
      const issues = await ndv.locator('[data-test-id="parameter-issues"]').evaluateAll((els) =>
        els.map((e) => (e.closest('[data-test-id="parameter-item"]')?.textContent ?? e.textContent ?? '').trim().slice(0, 120)),
      );
      expect({ node: name, issues, credential: await selectedCredential(page) }).toEqual({ node: name, issues: [], credential: credential.name });
      // n8n appends ?utm_… to the Docs link: a #fragment before it would break the link.
      const docs = await ndv.locator('a', { hasText: 'Docs' }).first().getAttribute('href');
      expect(docs).toMatch(/^https:\/\/github\.com\/distribu\/distribu-connectors\/tree\/main\/n8n-node\?utm_source=/);
      await byTestId(page, 'ndv-close-button').click();
      await ndv.waitFor({ state: 'hidden' });
    }
  }, 5 * MINUTE);

  test("the trigger's texts as n8n renders them: subtitle, notice, event descriptions, no webhook URLs, credential notice", async () => {
    const trigger = nodes.find((node) => node.description.name === 'distribuTrigger')!;
    await openWorkflow();
    const canvasNode = byTestId(page, 'canvas-node').filter({ has: page.getByText(nodeName(trigger), { exact: true }) });
    // Two events selected: the subtitle counts them instead of listing raw event ids.
    expect(await canvasNode.innerText()).toContain('2 events');
    expect(await canvasNode.innerText()).not.toContain('order.created');

    await canvasNode.dblclick();
    const ndv = byTestId(page, 'ndv');
    await ndv.waitFor();
    const text = await ndv.innerText();
    expect(text).toContain('Execute step'); // the button the notice names is really there
    expect(text).toContain('n8n sets up this trigger\'s webhook in Distribu for you');
    expect(text).not.toContain('Webhook URLs');

    // Every event's description fits the two lines n8n shows in the dropdown.
    await byTestId(page, 'parameter-input-events').click();
    const descriptions = page.locator('.el-select-dropdown__item .option-description').filter({ visible: true });
    await descriptions.first().waitFor();
    await screenshot(page, 'trigger-events');
    const cut = await descriptions.evaluateAll((els) =>
      els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => (e.textContent ?? '').trim()),
    );
    expect(await descriptions.count()).toBe((trigger.description.properties.find((p) => p.name === 'events')?.options ?? []).length);
    expect(cut).toEqual([]);
    await page.keyboard.press('Escape');

    // The credential's notice: its list renders as a list (n8n keeps <ul>/<li>), nothing shows as raw markup.
    await byTestId(page, 'credential-edit-button').click();
    await byTestId(page, 'credentials-config-container-test-success').waitFor({ timeout: MINUTE });
    await screenshot(page, 'credential');
    const notice = byTestId(page, 'credential-edit-dialog').locator('[role="alert"]').filter({ hasText: 'Settings → API keys' });
    expect(await notice.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Distribu Trigger: webhooks:read and webhooks:write/),
      expect.stringMatching(/^Distribu \(actions\): /),
      expect.stringMatching(/^Distribu Polling Trigger: /),
    ]);
    expect(await notice.innerText()).not.toMatch(/<\/?[a-z]+>/);
  }, 5 * MINUTE);

  test("n8n's credential test proves the key and webhooks:read, names that scope when missing, and nothing more", async () => {
    /** A sandbox API key with only these scopes, as an owner makes one in Distribu's dashboard. */
    const keyWith = async (scopes: string[]) =>
      (await rig!.controls.control<{ key: string }>('POST', '/api-keys', { name: 'editor e2e', scopes })).key;
    // What the credential form's Save (or Retry) runs: n8n's own tester with the form's data.
    const runTest = (apiKey: string, baseUrl = rig!.sandbox.url) =>
      rig!.api.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
        credentials: { id: credential.id, name: credential.name, type: DISTRIBU_CREDENTIAL_TYPE, data: { apiKey, baseUrl } },
      });

    expect(await runTest(rig!.sandbox.apiKey)).toMatchObject({ status: 'OK' });
    // Honest, not complete: a key with webhooks:read alone passes (the notice says the test checks nothing more).
    expect(await runTest(await keyWith(['webhooks:read']))).toMatchObject({ status: 'OK' });
    const actionsOnly = await runTest(await keyWith(['orders:read', 'orders:write']));
    expect(actionsOnly.status).toBe('Error');
    expect(actionsOnly.message.startsWith(describeApiError({ status: 403, scope: 'webhooks:read' }))).toBe(true);
    expect(await runTest('dk_notARealKey')).toEqual({ status: 'Error', message: describeApiError({ status: 401 }) });
    expect(await runTest(rig!.sandbox.apiKey, `${rig!.sandbox.url}/not-distribu`)).toEqual({ status: 'Error', message: NO_API_AT_BASE_URL });
  }, 2 * MINUTE);

  test('publishing in the editor: the dialog promises nothing yet, and a full cap fails with "publish again"', async () => {
    const { definition } = distribuWorkflow({ name: 'Distribu publish', events: ['order.created'], credential });
    const workflow = await rig!.api.createWorkflow(definition);
    // Distribu's cap filled by other tools' webhooks: this trigger's registration must fail.
    const others: string[] = [];
    const count = async () => (await rig!.distribu.api<{ data: unknown[] }>('GET', '/webhooks')).data.length;
    while ((await count()) < WEBHOOK_CAP) {
      const url = `https://elsewhere.example.com/${others.length}`;
      others.push((await rig!.distribu.api<{ data: { id: string } }>('POST', '/webhooks', { url, events: ['order.created'], isActive: false })).data.id);
    }
    try {
      await page.goto(`${rig!.n8n.url}/workflow/${workflow.id}`);
      await byTestId(page, 'canvas-node').first().waitFor({ timeout: MINUTE });
      await byTestId(page, 'workflow-open-publish-modal-button').click();
      await byTestId(page, 'workflow-publish-button').click();
      const published = page.getByRole('dialog').filter({ hasText: 'Workflow published' });
      await published.waitFor();
      await screenshot(page, 'publish-dialog');
      expect(await published.innerText()).toContain(TRIGGER_ACTIVATION_MESSAGE);
      await published.getByRole('button', { name: 'Got it' }).click();
      // n8n retries the activation, then reports the trigger's error in a notification.
      const failure = page.locator('.el-notification').filter({ hasText: 'webhooks per company' });
      await failure.waitFor({ timeout: 2 * MINUTE });
      await screenshot(page, 'publish-cap-error');
      expect(await failure.innerText()).toContain(WEBHOOK_CAP_MESSAGE);
      expect(WEBHOOK_CAP_MESSAGE).toMatch(/then publish again\.$/);
    } finally {
      await rig!.api.unpublish(workflow.id).catch(() => undefined);
      for (const id of others) await rig!.distribu.api('DELETE', `/webhooks/${id}`);
    }
  }, 5 * MINUTE);
});
