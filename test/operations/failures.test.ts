import {
  DistribuApiError,
  DistribuClient,
  DistribuNetworkError,
  DistribuPageLimitError,
  MAX_PAGES,
  runOperation,
  type ApiRequest,
  type ApiResponse,
} from '@distribu/shared/runtime';
import { failure, op } from './support/world';

// Branches the sandbox cannot be made to take on demand: a scripted transport (unit tests).
function scripted(answer: (request: ApiRequest, n: number) => ApiResponse | Promise<ApiResponse>) {
  const requests: ApiRequest[] = [];
  const client = new DistribuClient(async (request) => {
    requests.push(request);
    return answer(request, requests.length);
  });
  return { client, requests };
}

const order = { customerId: 'c1', lineItems: [{ productId: 'p1', quantity: 1 }] };

describe('creates are sent once, and an unknown outcome is said plainly', () => {
  it('a lost connection: one POST, and "may or may not have been created"', async () => {
    const { client, requests } = scripted(() => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    const error = await failure(runOperation(client, op('order.create'), order));
    expect(requests).toHaveLength(1);
    expect(error).toBeInstanceOf(DistribuNetworkError);
    expect(error.message).toBe(
      'The connection to Distribu failed or was cut before an answer came. The order may or may not have been created: look in Distribu before running this again. It was not retried automatically: Distribu has no idempotency keys, so a repeat could duplicate it.',
    );
  });

  it('a 502: one POST, the server error and the same warning', async () => {
    const { client, requests } = scripted(() => ({ status: 502, body: 'Bad Gateway' }));
    const error = await failure(runOperation(client, op('customer.create'), { email: 'x@example.com' }));
    expect(requests).toHaveLength(1);
    expect(error).toBeInstanceOf(DistribuApiError);
    expect(error.message).toMatch(/^Distribu had a server error \(HTTP 502\)\. The customer may or may not have been created: look in Distribu before running this again\. It was not retried automatically/);
  });

  it('a read that fails is passed on as it is (nothing to add)', async () => {
    const { client } = scripted(() => ({ status: 503, body: '' }));
    const error = await failure(runOperation(client, op('order.get'), { orderId: 'o1' }));
    expect(error.message).toBe('Distribu had a server error (HTTP 503). Try again in a few minutes; if it persists, contact support@distribu.app.');
  });

  it('a create answered with no record is unreadable, not a success', async () => {
    const { client } = scripted(() => ({ status: 201, body: { data: null } }));
    const error = await failure(runOperation(client, op('order.create'), order));
    expect(error.message).toMatch(/^Distribu's answer could not be read\. The order may or may not have been created/);
  });
});

describe('Return All is bounded', () => {
  it(`stops after ${MAX_PAGES} pages with a plain message`, async () => {
    const { client, requests } = scripted((_request, n) => ({
      status: 200,
      body: { data: [{ id: `o${n}` }], pagination: { hasMore: true, nextCursor: `o${n}` } },
    }));
    const error = await failure(runOperation(client, op('order.getAll'), {}, { returnAll: true }));
    expect(error).toBeInstanceOf(DistribuPageLimitError);
    expect(error.message).toBe(
      'Stopped after reading 1,000 pages from Distribu without reaching the end. Narrow the list with filters, or turn off Return All and set a Limit.',
    );
    expect(requests).toHaveLength(MAX_PAGES);
  });

  it('a cursor that does not move is an unreadable answer, not a loop', async () => {
    const { client, requests } = scripted(() => ({ status: 200, body: { data: [{ id: 'o1' }], pagination: { hasMore: true, nextCursor: 'o1' } } }));
    const error = await failure(runOperation(client, op('order.getAll'), {}, { returnAll: true }));
    expect(error).toBeInstanceOf(DistribuNetworkError);
    expect(requests).toHaveLength(2);
  });
});

describe('Create or Update: only the create step leaves an unknown outcome', () => {
  it('the search fails: nothing was sent that creates, so no "may have been created"', async () => {
    const { client, requests } = scripted(() => ({ status: 500, body: { error: 'boom' } }));
    const error = await failure(runOperation(client, op('customer.upsert'), { email: 'x@example.com' }));
    expect(requests.map((r) => r.method)).toEqual(['GET']);
    expect(error.message).toBe('Distribu had a server error (HTTP 500). Try again in a few minutes; if it persists, contact support@distribu.app.');
  });

  it('the create fails without an answer: one POST, and the outcome is unknown', async () => {
    const { client, requests } = scripted((request) => {
      if (request.method === 'GET') return { status: 200, body: { data: [], pagination: { hasMore: false, nextCursor: null } } };
      throw Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
    });
    const error = await failure(runOperation(client, op('customer.upsert'), { email: 'x@example.com' }));
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(error.message).toMatch(/^Distribu did not answer within 30 seconds\. The customer may or may not have been created/);
  });
});
