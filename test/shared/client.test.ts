import { DistribuClient, apiBaseUrl, type ApiRequest, type ApiResponse, DistribuApiError, DistribuNetworkError, WEBHOOK_CAP_MESSAGE } from '@distribu/shared/runtime';

// Unit tests of the client's branches with a scripted transport; the same client runs against the
// sandbox over real HTTP in the connectors' end-to-end tests.
function clientAnswering(...responses: ApiResponse[]) {
  const requests: ApiRequest[] = [];
  const client = new DistribuClient(async (req) => {
    requests.push(req);
    const next = responses.shift();
    if (!next) throw new Error('no scripted response left');
    return next;
  });
  return { client, requests };
}

async function errorFor(response: ApiResponse): Promise<DistribuApiError> {
  const { client } = clientAnswering(response);
  try {
    await client.listWebhooks();
  } catch (error) {
    if (error instanceof DistribuApiError) return error;
    throw error;
  }
  throw new Error('expected a DistribuApiError');
}

const webhook = {
  id: 'wh_1',
  url: 'https://hooks.example/1',
  events: ['order.created'],
  isActive: true,
  secretRotationGraceExpiresAt: null,
  createdAt: '2026-04-16T14:22:00.000Z',
  updatedAt: '2026-04-16T14:22:00.000Z',
};

describe('DistribuClient errors in plain words', () => {
  it('401: the key is bad, and what to do', async () => {
    const error = await errorFor({ status: 401, body: { error: 'Invalid, expired, or revoked API key.' } });
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/did not accept the API key/);
    expect(error.message).toMatch(/Settings → API keys/);
  });

  it('403: names the missing scope', async () => {
    const error = await errorFor({ status: 403, body: { error: 'Insufficient permissions. This key lacks the "webhooks:write" scope.' } });
    expect(error.scope).toBe('webhooks:write');
    expect(error.message).toContain('lacks the "webhooks:write" scope');
  });

  it('404: not found', async () => {
    expect((await errorFor({ status: 404, body: { error: 'Webhook not found.' } })).message).toMatch(/could not find/);
  });

  it('422 at the cap: says the 10-webhook cap is full and where to delete unused ones', async () => {
    const error = await errorFor({ status: 422, body: { error: 'Maximum of 10 webhooks per company.' } });
    expect(error.isWebhookCap).toBe(true);
    expect(error.message).toBe(WEBHOOK_CAP_MESSAGE);
    expect(error.message).toMatch(/at most 10 webhooks.*Settings → Webhooks/);
  });

  it('400 and other 422s: pass on Distribu\'s own words', async () => {
    const error = await errorFor({ status: 400, body: { error: 'Validation failed: url must be an http(s) URL.' } });
    expect(error.message).toBe('Distribu refused the request: Validation failed: url must be an http(s) URL.');
    expect((await errorFor({ status: 422, body: { error: 'Not enough stock.' } })).isWebhookCap).toBe(false);
  });

  it('429: carries retryAfter from the body, or from the Retry-After header', async () => {
    const fromBody = await errorFor({ status: 429, body: { error: 'Too many requests.', retryAfter: 30 } });
    expect(fromBody.retryAfter).toBe(30);
    expect(fromBody.message).toMatch(/Try again in 30 seconds/);
    const fromHeader = await errorFor({ status: 429, body: { error: 'Too many requests.' }, headers: { 'Retry-After': '7' } });
    expect(fromHeader.retryAfter).toBe(7);
    expect((await errorFor({ status: 429, body: '' })).message).toMatch(/Try again in a minute/);
  });

  it('5xx: a server error, try later', async () => {
    expect((await errorFor({ status: 503, body: 'Service Unavailable' })).message).toMatch(/server error \(HTTP 503\)/);
  });
});

describe('DistribuClient webhooks', () => {
  it('creates a webhook and accepts the answer wrapped in data with 201', async () => {
    const { client, requests } = clientAnswering({ status: 201, body: { data: { ...webhook, secret: 'whsec_x' } } });
    const created = await client.createWebhook({ url: webhook.url, events: ['order.created'] });
    expect(created).toMatchObject({ id: 'wh_1', secret: 'whsec_x' });
    expect(requests).toEqual([{ method: 'POST', path: '/webhooks', body: { url: webhook.url, events: ['order.created'], isActive: true } }]);
  });

  it('accepts a bare object with 200', async () => {
    const { client } = clientAnswering({ status: 200, body: { ...webhook, secret: 'whsec_y' } });
    expect((await client.createWebhook({ url: webhook.url, events: ['order.created'] })).secret).toBe('whsec_y');
  });

  it('refuses a create answer without the one-time secret as malformed (the outcome is unknown)', async () => {
    const { client } = clientAnswering({ status: 201, body: { data: webhook } });
    const error = await client.createWebhook({ url: webhook.url, events: ['order.created'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DistribuNetworkError);
    expect(error).toMatchObject({ kind: 'malformed', message: "Distribu's answer to the webhook registration had no id or signing secret." });
  });

  it('treats a 2xx whose JSON is not the expected shape as malformed', async () => {
    const { client } = clientAnswering(
      { status: 200, body: 'OK' },
      { status: 200, body: { data: 'not a list' } },
      { status: 200, body: '<html>proxy</html>' },
      { status: 200, body: { data: {} } },
      { status: 204, body: '' },
    );
    for (const call of [() => client.listWebhooks(), () => client.listWebhooks(), () => client.listOrders(), () => client.getOrder('o1')]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'DistribuNetworkError', kind: 'malformed' });
    }
    expect(await client.getWebhook('x').catch((e: unknown) => e)).toMatchObject({ kind: 'malformed' });
  });

  it('wraps whatever the transport throws, keeping none of it', async () => {
    const hostError = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), {
      code: 'ETIMEDOUT',
      config: { headers: { Authorization: 'Bearer dk_secret_key_value' } },
    });
    const client = new DistribuClient(async () => {
      throw hostError;
    });
    const error = await client.listWebhooks().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DistribuNetworkError);
    expect(error).toMatchObject({ kind: 'timeout', message: 'Distribu did not answer within 30 seconds. Try again in a few minutes.' });
    expect(JSON.stringify(error)).not.toContain('dk_secret');
    expect((error as { cause?: unknown }).cause).toBeUndefined();
  });

  it('webhooksAt lists only webhooks at exactly that URL', async () => {
    const at = (url: string, id: string) => ({ ...webhook, id, url });
    const { client } = clientAnswering({
      status: 200,
      body: { data: [at('https://a.example/x', '1'), at('https://a.example/x/', '2'), at('https://A.example/x', '3'), at('https://a.example/x', '4')] },
    });
    expect((await client.webhooksAt('https://a.example/x')).map((h) => h.id)).toEqual(['1', '4']);
  });

  it('treats 404 on delete as already deleted, and other errors as errors', async () => {
    const { client } = clientAnswering({ status: 200, body: { data: { id: 'wh_1', deleted: true } } }, { status: 404, body: { error: 'Webhook not found.' } }, { status: 500, body: {} });
    await expect(client.deleteWebhook('wh_1')).resolves.toBe(true);
    await expect(client.deleteWebhook('wh_1')).resolves.toBe(false);
    await expect(client.deleteWebhook('wh_1')).rejects.toBeInstanceOf(DistribuApiError);
  });

  it('encodes ids into paths', async () => {
    const { client, requests } = clientAnswering({ status: 200, body: { data: webhook } });
    await client.getWebhook('a/b');
    expect(requests[0]!.path).toBe('/webhooks/a%2Fb');
  });

  it('lists records with their pagination', async () => {
    const { client, requests } = clientAnswering({ status: 200, body: { data: [{ id: 'o1' }], pagination: { hasMore: true, nextCursor: 'o1' } } });
    expect(await client.listOrders({ limit: 3, status: 'SHIPPED' })).toEqual({ data: [{ id: 'o1' }], pagination: { hasMore: true, nextCursor: 'o1' } });
    expect(requests[0]).toEqual({ method: 'GET', path: '/orders', query: { limit: 3, status: 'SHIPPED' } });
  });
});

describe('apiBaseUrl', () => {
  it.each([
    [undefined, 'https://distribu.app/api/v1'],
    ['', 'https://distribu.app/api/v1'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010/api/v1'],
    ['https://staging.distribu.app/api/v1', 'https://staging.distribu.app/api/v1'],
  ])('%s → %s', (input, expected) => expect(apiBaseUrl(input)).toBe(expected));
});
