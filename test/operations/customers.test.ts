import { DistribuInputError, getOperation, runOperation, simplify } from '@distribu/shared/runtime';
import { newestFirst } from '../../sandbox/src/state/store';
import { insertCustomer } from '../../sandbox/src/state/insert';
import { failure, op, startOpsWorld, type OpsWorld } from './support/world';

let w: OpsWorld;
beforeAll(async () => {
  w = await startOpsWorld();
});
afterAll(() => w.close());
beforeEach(() => {
  w.requests.length = 0;
});

const withEmail = (email: string) => [...w.sb.core.store.customers.values()].filter((c) => c.email === email);

describe('customer.upsert (Create or Update by email)', () => {
  it('twice with the same email: one customer, created then updated', async () => {
    const [first] = await w.run('customer.upsert', { email: 'new.buyer@example.com', name: 'New Buyer' });
    expect(w.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /customers', 'POST /customers']);
    expect(w.requests[0]!.query).toEqual({ search: 'new.buyer@example.com', limit: 100 });
    expect(w.requests[1]!.body).toEqual({ email: 'new.buyer@example.com', name: 'New Buyer' });

    w.requests.length = 0;
    const [second] = await w.run('customer.upsert', { email: 'New.Buyer@Example.com', name: 'New Buyer Ltd', creditLimit: 250 });
    expect(w.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /customers', `PATCH /customers/${first!.id}`]);
    expect(w.requests[1]!.body).toEqual({ name: 'New Buyer Ltd', creditLimit: 250 });
    expect(second).toMatchObject({ id: first!.id, name: 'New Buyer Ltd', creditLimit: 250 });
    expect(withEmail('new.buyer@example.com')).toHaveLength(1);
  });

  it('two at once with the same new email: still one customer (the refused create turns into an update)', async () => {
    const runs = await Promise.all([
      w.run('customer.upsert', { email: 'race@example.com', name: 'First' }),
      w.run('customer.upsert', { email: 'race@example.com', notes: 'Second' }),
    ]);
    expect(withEmail('race@example.com')).toHaveLength(1);
    expect(runs[0]![0]!.id).toBe(runs[1]![0]!.id);
    expect(w.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(w.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(withEmail('race@example.com')[0]).toMatchObject({ name: 'First', notes: 'Second' });
  });

  it('matches the whole email only: a customer whose email merely contains it is not updated', async () => {
    const before = withEmail('buyer@acme.com')[0]!;
    const [made] = await w.run('customer.upsert', { email: 'uyer@acme.com', name: 'Not Acme' });
    expect(made!.id).not.toBe(before.id);
    expect(withEmail('buyer@acme.com')[0]!.name).toBe('Acme Restaurant Group');
    expect(withEmail('uyer@acme.com')).toHaveLength(1);
  });

  it('an existing customer and nothing else to set: no PATCH, the customer as it is', async () => {
    const [found] = await w.run('customer.upsert', { email: 'orders@bluebirdcafe.com' });
    expect(w.requests.map((r) => r.method)).toEqual(['GET']);
    expect(found).toMatchObject({ email: 'orders@bluebirdcafe.com', name: 'Bluebird Café' });
  });

  it('a key without customers:read: names the scope, creates nothing', async () => {
    const writeOnly = await w.clientWith(['customers:write']);
    const count = w.sb.core.store.customers.size;
    const error = await failure(runOperation(writeOnly, op('customer.upsert'), { email: 'scope@example.com' }));
    expect(error.message).toContain('lacks the "customers:read" scope');
    expect(w.sb.core.store.customers.size).toBe(count);
  });
});

describe('customer.create, update, get', () => {
  it('create: posts the fields; the same email again is refused with "Nothing was created."', async () => {
    const [made] = await w.run('customer.create', { email: 'Twice@Example.com', name: 'Twice', taxRateOverride: 0.08, status: 'ACTIVE' });
    expect(w.requests[0]).toEqual({ method: 'POST', path: '/customers', body: { email: 'Twice@Example.com', name: 'Twice', taxRateOverride: 0.08, status: 'ACTIVE' } });
    expect(made).toMatchObject({ email: 'twice@example.com', taxRateOverride: 0.08 });
    const error = await failure(w.run('customer.create', { email: 'twice@example.com' }));
    expect(error.message).toBe('Distribu refused the request: A customer with this email already exists. Nothing was created.');
    expect(withEmail('twice@example.com')).toHaveLength(1);
  });

  it('update: PATCHes only the fields given', async () => {
    const target = withEmail('purchasing@harborhotel.com')[0]!;
    const [updated] = await w.run('customer.update', { customerId: target.id, status: 'BLOCKED', notes: 'On hold', name: '' });
    expect(w.requests).toEqual([{ method: 'PATCH', path: `/customers/${target.id}`, body: { status: 'BLOCKED', notes: 'On hold' } }]);
    expect(updated).toMatchObject({ id: target.id, status: 'BLOCKED', notes: 'On hold', name: 'Harbor Hotel' });
  });

  it.each([
    [{ email: 'a@b.co', taxRateOverride: 0.5 }, /^Tax Rate Override must be at most 0\.3; got 0\.5\.$/],
    [{ email: 'a@b.co', creditLimit: '-1' }, /^Credit Limit must be at least 0; got "-1"\.$/],
    [{ email: 'a@b.co', status: 'PENDING' }, /^Status must be one of ACTIVE, BLOCKED; got "PENDING"\.$/],
    [{ name: 'No email' }, /^Email is required\./],
  ])('create, bad input %#: refused before any call', async (params, message) => {
    const error = await failure(w.run('customer.create', params));
    expect(error).toBeInstanceOf(DistribuInputError);
    expect(error.message).toMatch(message);
    expect(w.requests).toEqual([]);
  });
});

describe('customer.getAll pagination', () => {
  beforeAll(() => {
    for (let i = 0; i < 130; i += 1) insertCustomer(w.sb.core.store, { email: `bulk${i}@paging.example`, name: `Bulk ${i}` });
  });
  const expected = (status?: string) => newestFirst(w.sb.core.store.customers.values()).filter((c) => !status || c.status === status).map((c) => c.id);

  it('Return All reads every page (more than one) and returns every customer, newest first', async () => {
    let more = 0;
    const all = await w.run('customer.getAll', {}, { returnAll: true, onMore: () => (more += 1) });
    expect(more).toBe(0);
    expect(w.sb.core.store.customers.size).toBeGreaterThan(100);
    expect(all.map((c) => c.id)).toEqual(expected());
    expect(w.requests).toHaveLength(2);
    expect(w.requests[0]!.query).toEqual({ limit: 100 });
    expect(w.requests[1]!.query).toEqual({ limit: 100, cursor: all[99]!.id });
  });

  it('a limit smaller than a page: one request of that size, and word that there is more', async () => {
    let more = 0;
    const some = await w.run('customer.getAll', { search: 'paging.example' }, { limit: 7, onMore: () => (more += 1) });
    expect(some).toHaveLength(7);
    expect(more).toBe(1);
    expect(w.requests).toEqual([{ method: 'GET', path: '/customers', query: { search: 'paging.example', limit: 7 } }]);
  });

  it('a limit that takes exactly everything: no word of more', async () => {
    let more = 0;
    const total = expected().length;
    expect(await w.run('customer.getAll', {}, { limit: total, onMore: () => (more += 1) })).toHaveLength(total);
    expect(more).toBe(0);
  });

  it('a limit across pages: stops at the limit', async () => {
    const some = await w.run('customer.getAll', {}, { limit: 120 });
    expect(some.map((c) => c.id)).toEqual(expected().slice(0, 120));
    expect(w.requests.map((r) => r.query)).toEqual([{ limit: 100 }, { limit: 100, cursor: some[99]!.id }]);
  });

  it('no limit and no Return All: 50, as n8n\'s default', async () => {
    expect(await w.run('customer.getAll', {})).toHaveLength(50);
  });

  it('a bad limit is refused before any call', async () => {
    const error = await failure(w.run('customer.getAll', {}, { limit: 0 }));
    expect(error.message).toBe('Limit must be a whole number of at least 1; got 0.');
    expect(w.requests).toEqual([]);
  });

  it('Simplify: customers have ten fields, so it offers nothing and keeps the record', async () => {
    const [customer] = await w.run('customer.get', { customerId: expected()[0] });
    expect(getOperation('customer.get')!.simpleKeys).toEqual([]);
    expect(simplify(op('customer.get'), customer!)).toEqual(customer);
  });
});
