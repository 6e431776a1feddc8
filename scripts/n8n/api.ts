/**
 * A small typed client for the parts of n8n 2.40's APIs the tests and the demo use.
 * Two audiences: the public API (/api/v1, header X-N8N-API-KEY) for credentials, workflows and executions, and the
 * internal REST API (/rest, cookie `n8n-auth`) for login, API keys, publication status and manual (test) runs.
 * The internal endpoints are version-specific; they are pinned to the n8n version the harness installs.
 */

/** The public API's largest page (n8n 2.40 caps `limit` at 250); 200 pages bound a listing at 50,000 executions. */
const EXECUTION_PAGE_SIZE = 250;
const MAX_EXECUTION_PAGES = 200;

export class N8nApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`n8n ${method} ${path} answered ${status}: ${describeBody(body)}`);
    this.name = 'N8nApiError';
  }
}

export interface Credential {
  id: string;
  name: string;
  type: string;
}

export interface WorkflowNode {
  id?: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  webhookId?: string;
  credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowDefinition {
  name: string;
  nodes: WorkflowNode[];
  connections: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

export interface Workflow extends WorkflowDefinition {
  id: string;
  active: boolean;
  versionId: string;
  activeVersionId: string | null;
  staticData?: Record<string, unknown> | null;
}

export interface TriggerStatus {
  nodeId: string;
  status: string;
  errorMessage: string | null;
}

export interface PublicationStatus {
  status: 'published' | 'not_published' | 'failed' | string;
  liveVersionId?: string | null;
  pendingVersionId?: string | null;
  triggers: TriggerStatus[];
}

export interface Execution {
  id: string;
  workflowId: string;
  mode: string;
  status: string;
  finished: boolean;
  startedAt: string;
  stoppedAt: string | null;
  data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>; error?: unknown } };
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export class N8nClient {
  private cookie: string | undefined;
  private apiKey: string | undefined;
  /** Every non-2xx answer this client received, as n8n sent it (for tests that inspect what n8n tells users). */
  readonly errorAnswers: N8nApiError[] = [];

  constructor(readonly baseUrl: string) {}

  get hasApiKey(): boolean {
    return this.apiKey !== undefined;
  }

  /** POST /rest/login; keeps the `n8n-auth` cookie for the internal endpoints. */
  async login(email: string, password: string): Promise<void> {
    const response = await this.send('POST', '/rest/login', { body: { emailOrLdapLoginId: email, password } });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
    if (!cookie) throw new Error('n8n accepted the login but set no n8n-auth cookie.');
    this.cookie = cookie.split(';')[0];
  }

  /** The session login() opened, as a cookie a browser can carry (a session without a browser id fits any browser). */
  get sessionCookie(): { name: string; value: string } {
    if (!this.cookie) throw new Error('Log in before asking for the session cookie.');
    const at = this.cookie.indexOf('=');
    return { name: this.cookie.slice(0, at), value: this.cookie.slice(at + 1) };
  }

  /** Creates a public-API key with every scope this n8n offers and uses it from now on. Returns the raw key. */
  async createApiKey(label = 'distribu-e2e'): Promise<string> {
    const scopes = await this.rest<string[]>('GET', '/rest/api-keys/scopes');
    const created = await this.rest<{ rawApiKey: string }>('POST', '/rest/api-keys', { label, scopes, expiresAt: null });
    this.apiKey = created.rawApiKey;
    return created.rawApiKey;
  }

  useApiKey(key: string): void {
    this.apiKey = key;
  }

  createCredential(input: { name: string; type: string; data: Record<string, unknown> }): Promise<Credential> {
    return this.publicApi<Credential>('POST', '/api/v1/credentials', input);
  }

  /** PATCH /api/v1/credentials/:id: `data` merged into the saved fields (isPartialData), as saving one field in the editor. */
  updateCredentialData(id: string, data: Record<string, unknown>): Promise<Credential> {
    return this.publicApi<Credential>('PATCH', `/api/v1/credentials/${id}`, { data, isPartialData: true });
  }

  deleteCredential(id: string): Promise<unknown> {
    return this.publicApi('DELETE', `/api/v1/credentials/${id}`);
  }

  createWorkflow(definition: WorkflowDefinition): Promise<Workflow> {
    return this.publicApi<Workflow>('POST', '/api/v1/workflows', { settings: { executionOrder: 'v1' }, ...definition });
  }

  getWorkflow(id: string): Promise<Workflow> {
    return this.publicApi<Workflow>('GET', `/api/v1/workflows/${id}`);
  }

  /** PUT /api/v1/workflows/:id. n8n re-publishes a published workflow with the new version at once. */
  updateWorkflow(id: string, definition: WorkflowDefinition): Promise<Workflow> {
    const { name, nodes, connections, settings } = definition;
    return this.publicApi<Workflow>('PUT', `/api/v1/workflows/${id}`, { name, nodes, connections, settings: settings ?? { executionOrder: 'v1' } });
  }

  deleteWorkflow(id: string): Promise<unknown> {
    return this.publicApi('DELETE', `/api/v1/workflows/${id}`);
  }

  /** POST /publish answers at once; the triggers activate afterwards (see waitUntilPublished). */
  publish(id: string): Promise<Workflow> {
    return this.publicApi<Workflow>('POST', `/api/v1/workflows/${id}/publish`, {});
  }

  unpublish(id: string): Promise<Workflow> {
    return this.publicApi<Workflow>('POST', `/api/v1/workflows/${id}/unpublish`);
  }

  publicationStatus(id: string): Promise<PublicationStatus> {
    return this.rest<PublicationStatus>('GET', `/rest/workflows/${id}/publication-status`);
  }

  /**
   * Polls the publication status until the workflow is published and every trigger is activated.
   * A failed activation throws with n8n's own error message (the publish response itself always says active:true).
   */
  async waitUntilPublished(id: string, options: WaitOptions = {}): Promise<PublicationStatus> {
    return this.pollStatus(id, options, 'published', (status) => {
      if (status.status === 'failed' || status.triggers.some((t) => t.status === 'failed')) {
        const reasons = status.triggers.filter((t) => t.errorMessage).map((t) => t.errorMessage);
        throw new Error(`n8n could not activate workflow ${id}: ${reasons.join('; ') || 'publication failed'}`);
      }
      return status.status === 'published' && status.triggers.length > 0 && status.triggers.every((t) => t.status === 'activated');
    });
  }

  waitUntilUnpublished(id: string, options: WaitOptions = {}): Promise<PublicationStatus> {
    return this.pollStatus(id, options, 'not_published', (status) => status.status === 'not_published' && status.triggers.length === 0);
  }

  /** Every execution of a workflow (all pages of n8n's largest page size, 250), newest first as n8n lists them. */
  async listExecutions(workflowId: string, options: { includeData?: boolean } = {}): Promise<Execution[]> {
    const executions: Execution[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_EXECUTION_PAGES; page++) {
      const query = new URLSearchParams({ workflowId, includeData: String(options.includeData ?? false), limit: String(EXECUTION_PAGE_SIZE) });
      if (cursor) query.set('cursor', cursor);
      const result = await this.publicApi<{ data: Execution[]; nextCursor: string | null }>('GET', `/api/v1/executions?${query}`);
      executions.push(...result.data);
      if (!result.nextCursor) return executions;
      cursor = result.nextCursor;
    }
    throw new Error(`More than ${MAX_EXECUTION_PAGES * EXECUTION_PAGE_SIZE} executions: refusing to page further.`);
  }

  /**
   * Starts a manual run that listens on the trigger's test URL (the editor's "Listen for test event").
   * Internal endpoint: n8n 2.40 runs the saved workflow; `pushRef` names the editor session it reports to.
   */
  runManually(workflowId: string, triggerName: string, pushRef: string): Promise<{ waitingForWebhook?: boolean; executionId?: string }> {
    return this.rest('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } }, { 'push-ref': pushRef });
  }

  /** Cancels the test-webhook registration of a workflow (the editor's "Stop listening"). */
  stopTestWebhooks(workflowId: string): Promise<unknown> {
    return this.rest('DELETE', `/rest/test-webhook/${workflowId}`);
  }

  /**
   * GET /types/nodes.json (cookie): every node type the editor offers, with the tool variants n8n derives from nodes
   * that set `usableAsTool` (those exist only here: /rest/node-types knows the loaded nodes alone).
   */
  async nodeTypeDescriptions(): Promise<Array<{ name: string; displayName: string; outputs: unknown; properties: Array<{ name: string }> }>> {
    if (!this.cookie) throw new Error('Log in before reading the node types.');
    return (await readBody(await this.send('GET', '/types/nodes.json', { headers: { cookie: this.cookie } }))) as never;
  }

  /** Internal REST call (cookie); unwraps n8n's `{data}` envelope. */
  async rest<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    if (!this.cookie) throw new Error(`Log in before calling ${path}.`);
    const response = await this.send(method, path, { body, headers: { ...headers, cookie: this.cookie } });
    return ((await readBody(response)) as { data: T }).data;
  }

  /** Public API call (X-N8N-API-KEY). */
  async publicApi<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.apiKey) throw new Error(`Create or set an API key before calling ${path}.`);
    const response = await this.send(method, path, { body, headers: { 'X-N8N-API-KEY': this.apiKey } });
    return (await readBody(response)) as T;
  }

  private async pollStatus(id: string, options: WaitOptions, want: string, done: (status: PublicationStatus) => boolean): Promise<PublicationStatus> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    let last: PublicationStatus | undefined;
    while (Date.now() < deadline) {
      last = await this.publicationStatus(id);
      if (done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
    }
    throw new Error(`Workflow ${id} was not ${want} within ${timeoutMs / 1000} s; last publication status: ${JSON.stringify(last)}`);
  }

  private async send(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> }): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    // The public API answers 415 to a body without a JSON content type.
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const error = new N8nApiError(method, path.split('?')[0] ?? path, response.status, await readBody(response).catch(() => undefined));
      this.errorAnswers.push(error);
      throw error;
    }
    return response;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeBody(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body)?.slice(0, 300) ?? '(empty)';
}
