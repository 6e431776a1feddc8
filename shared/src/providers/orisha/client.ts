// Orisha Commerce's API client: the kit's RestClient over the host's Transport (which adds the
// client-credentials token, kit/api/client-credentials.ts), with Orisha's answers and words. The
// paths and bodies are ours until Orisha confirms them (assumed-api.ts).
import { ApiError, NetworkError } from '../../kit/api/errors';
import { isRecord, RestClient, type ApiShape, type Transport } from '../../kit/api/client';
import { boundedLine, networkFailureOf } from '../../kit/voice';
import {
  ORISHA_CAP_STATUS,
  ORISHA_ERROR_CODES,
  ORISHA_PAGE_SIZE_MAX,
  webhookPaths,
  type OrishaCreatedWebhook,
  type OrishaWebhook,
  type OrishaWebhookInput,
} from './assumed-api';
import { ORISHA_WEBHOOK_CAP, redactOrisha } from './voice';

const redact = redactOrisha;
/** One line, redacted, bounded: every Orisha-originated text passes here before a user sees it. */
export const orishaBounded = (text: string, max = 300): string => boundedLine(text, max, redact);

/** An error answer from Orisha, in plain words, with its code. */
export class OrishaApiError extends ApiError {
  readonly code?: string;

  constructor(status: number, code: string | undefined, said: string | undefined) {
    super({ status, ...(said ? { apiMessage: said } : {}) }, describe(status, code, said));
    this.name = 'OrishaApiError';
    this.code = code;
  }
}

function describe(status: number, code: string | undefined, said: string | undefined): string {
  const tail = said ? `: ${said.replace(/\.$/, '')}.` : '.';
  if (status === ORISHA_CAP_STATUS && code === ORISHA_ERROR_CODES.cap) return `Orisha Commerce allows at most ${ORISHA_WEBHOOK_CAP} webhooks per administration and all are in use.`;
  if (status === 401) return 'Orisha Commerce did not accept the access token (HTTP 401). Check the client ID, client secret and audience in the credential.';
  if (status === 403) return `Orisha Commerce refused access (HTTP 403)${tail} The machine identity may lack this administration: assign it in Orisha's admin portal.`;
  if (status === 404) return `Orisha Commerce has no such record (HTTP 404)${tail}`;
  if (status === 429) return 'Orisha Commerce is rate limiting requests (HTTP 429). Try again shortly.';
  if (status >= 500) return `Orisha Commerce had a problem (HTTP ${status}). Try again later.`;
  return `Orisha Commerce refused the request (HTTP ${status})${tail}`;
}

export const ORISHA_API: ApiShape = {
  apiError(status, body) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const code = typeof error?.code === 'string' ? error.code : undefined;
    const said = typeof error?.message === 'string' && error.message ? orishaBounded(error.message, 200) : undefined;
    return new OrishaApiError(status, code, said);
  },
  networkError(error) {
    const { kind, why } = networkFailureOf(error);
    if (kind === 'timeout') return new NetworkError(kind, 'Orisha Commerce did not answer in time. Try again.');
    if (kind === 'malformed') return new NetworkError(kind, "Orisha Commerce's answer could not be read. Try again.");
    return new NetworkError(kind, why === 'host-not-found' ? 'Could not find Orisha Commerce at the base URL in the credential.' : 'Could not reach Orisha Commerce. Check the base URL and try again.', why);
  },
  malformed: () => new NetworkError('malformed', "Orisha Commerce's answer could not be read."),
  unwrap: (body) => body,
};

/** True for Orisha's "not found": the record (or webhook) is gone. */
export const isOrishaNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

export interface OrishaPage<T> {
  data: T[];
  nextPage: number | null;
}

export class OrishaClient extends RestClient {
  constructor(
    transport: Transport,
    /** The administration every call is about (the credential's). */
    readonly administration: string,
  ) {
    super(transport, ORISHA_API);
  }

  async webhooks(): Promise<OrishaWebhook[]> {
    const body = (await this.call({ method: 'GET', path: webhookPaths.list(this.administration) })).body;
    if (!isRecord(body) || !Array.isArray(body.data)) throw ORISHA_API.malformed();
    return body.data as OrishaWebhook[];
  }

  async createWebhook(input: OrishaWebhookInput): Promise<OrishaCreatedWebhook> {
    const created = this.record<OrishaCreatedWebhook>((await this.call({ method: 'POST', path: webhookPaths.create(this.administration), body: input })).body);
    if (typeof created.secret !== 'string' || created.secret === '') throw ORISHA_API.malformed();
    return created;
  }

  async webhook(id: string): Promise<OrishaWebhook> {
    return this.record<OrishaWebhook>((await this.call({ method: 'GET', path: webhookPaths.one(this.administration, id) })).body);
  }

  async updateWebhook(id: string, change: Partial<OrishaWebhookInput> & { enabled?: boolean }): Promise<OrishaWebhook> {
    return this.record<OrishaWebhook>((await this.call({ method: 'PATCH', path: webhookPaths.one(this.administration, id), body: change })).body);
  }

  /** False when it was already gone. */
  deleteWebhook(id: string): Promise<boolean> {
    return this.deleteAt(webhookPaths.one(this.administration, id));
  }

  async resetSecret(id: string): Promise<string> {
    const body = (await this.call({ method: 'POST', path: webhookPaths.resetSecret(this.administration, id) })).body;
    if (!isRecord(body) || typeof body.secret !== 'string' || body.secret === '') throw ORISHA_API.malformed();
    return body.secret;
  }

  /** One record by its path (from the operation catalog). */
  async getRecord(path: string): Promise<Record<string, unknown>> {
    const body = (await this.call({ method: 'GET', path })).body;
    if (!isRecord(body)) throw ORISHA_API.malformed();
    return body;
  }

  /** One page of a list. */
  async getPage(path: string, page = 1, pageSize = ORISHA_PAGE_SIZE_MAX): Promise<OrishaPage<Record<string, unknown>>> {
    const body = (await this.call({ method: 'GET', path, query: { page, pageSize } })).body;
    if (!isRecord(body) || !Array.isArray(body.data)) throw ORISHA_API.malformed();
    const next = body.nextPage;
    return { data: body.data as Array<Record<string, unknown>>, nextPage: typeof next === 'number' ? next : null };
  }
}

