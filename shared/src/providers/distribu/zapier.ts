// What Distribu's Zapier app offers beyond one trigger per event and its operations' Zapier keys.
import type { HostProvider } from '../../kit/host';

/** Said on every create: Distribu has no idempotency keys, so a repeat could duplicate. */
export const NOT_RETRIED = 'Never retried automatically.';

/** Find or Create Customer: Zapier runs Find Customer and, when it finds nothing, Create Customer. */
export const distribuSearchOrCreates: NonNullable<HostProvider['zapierSearchOrCreates']> = [
  {
    key: 'find_customer',
    label: 'Find or Create Customer',
    description: `Finds a customer by email address or name, or creates one when none matches. ${NOT_RETRIED}`,
    search: 'find_customer',
    create: 'create_customer',
  },
];
