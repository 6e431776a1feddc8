// Distribu's API keys carry scopes, fixed when a key is created (its docs: "Settings → API keys"; owners and
// admins make keys). What a connection asks for and how it proves each scope without changing anything.
import type { KeyScopes } from '../../kit/host';

/** A record id no Distribu can hold: a write probe on it changes nothing whatever the answer. */
const NO_SUCH_RECORD = 'zapier-connection-test-no-such-record';

export const distribuKeyScopes: KeyScopes = {
  webhooks: { read: 'webhooks:read', write: 'webhooks:write' },
  resourceOrder: ['webhooks', 'orders', 'customers', 'products', 'reports'],
  /**
   * A read lists one record; a write changes a record that does not exist. Distribu checks the scope first and
   * answers 403 naming it (`Insufficient permissions. This key lacks the "orders:write" scope.`); any other answer
   * (the list, 404, 400) means the key has it.
   */
  probe(scope) {
    const [resource, access] = scope.split(':');
    if (access === 'read') return { method: 'GET', path: `/${resource}`, ...(resource === 'webhooks' ? {} : { query: { limit: 1 } }) };
    return { method: 'PATCH', path: `/${resource}/${NO_SUCH_RECORD}`, body: {} };
  },
  // Update Order Status reads the order when Distribu refuses a change, to name the changes it allows; every order
  // a host presents names its customer.
  alsoReads: (op) => (op.resource === 'order' ? ['order', 'customer'] : []),
  whoCan: 'owners and admins can',
  docsUrl: 'https://www.distribu.app/docs/',
};
