/**
 * OURS UNTIL ORISHA CONFIRMS. Orisha Commerce's public webhook page names a "management endpoint in
 * the API", a 3-webhook cap, a secret shown once and a secret reset, and its access page says API
 * clients are Auth0 machine identities (OAuth2 client credentials). It gives no paths, bodies,
 * token audience, read endpoints or JSON of the deliveries. Everything below is our assumption, in
 * this one file: the connectors, the sandbox and the docs all read it, so when Orisha states its API
 * a change here (and the sandbox following it) is the whole change. Zod-free: it runs in the hosts.
 */

/** Auth0 machine-to-machine token request (client credentials), RFC 6749 §4.4 form body. */
export const ORISHA_AUTH = {
  /** Auth0's token path on the tenant named on Orisha's access page; the host is a credential field. */
  defaultTokenUrl: 'https://orisha-commerce-platform.eu.auth0.com/oauth/token',
  /** Auth0 needs the API's identifier as `audience`; Orisha's is not public. */
  defaultAudience: 'https://api.orisha-commerce.com',
} as const;

/** Every API path is under the base URL; an administration is addressed as a path segment. */
export const ORISHA_API_PREFIX = '/api/v1';

const enc = encodeURIComponent;
const adm = (administration: string) => `/administrations/${enc(administration)}`;

/** The management endpoint (webhooks of one administration). */
export const webhookPaths = {
  list: (a: string) => `${adm(a)}/webhooks`,
  create: (a: string) => `${adm(a)}/webhooks`,
  one: (a: string, id: string) => `${adm(a)}/webhooks/${enc(id)}`,
  resetSecret: (a: string, id: string) => `${adm(a)}/webhooks/${enc(id)}/reset-secret`,
  /** The app's notifications ("a notification will be sent to the app" when a webhook is disabled). */
  notifications: (a: string) => `${adm(a)}/notifications`,
} as const;

/** A webhook as the management endpoint returns it (list, get, update). Never its secret. */
export interface OrishaWebhook {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  /** False after 100 failures with no success (or when a user turned it off). */
  enabled: boolean;
  /** Consecutive failed deliveries since the last success. */
  failureCount: number;
  /** Set when Orisha disabled it automatically. */
  disabledAt: string | null;
  createdAt: string;
}

/** Create's answer: the webhook and its secret, shown this once. Reset-secret answers `{ secret }`. */
export type OrishaCreatedWebhook = OrishaWebhook & { secret: string };

/** Create's body; update takes any of these and `enabled`. */
export interface OrishaWebhookInput {
  url: string;
  eventTypes: string[];
  description?: string;
}

/** List answers `{ data: [...] }`; a single record is the bare object. Errors: `{ error: { code, message } }`. */
export const ORISHA_ERROR_CODES = {
  cap: 'webhook_limit_reached',
  notFound: 'not_found',
  unauthorized: 'unauthorized',
  invalid: 'invalid_request',
} as const;

/** How the cap shows up: 409 with the code above. */
export const ORISHA_CAP_STATUS = 409;

/** Read endpoints by code, and the lists where we assume there are any (paged: `page`, `pageSize` → `nextPage`). */
export const readPaths = {
  item: (a: string, p: { ItemCode: string }) => `${adm(a)}/items/${enc(p.ItemCode)}`,
  items: (a: string) => `${adm(a)}/items`,
  customer: (a: string, p: { CustomerCode: string }) => `${adm(a)}/customers/${enc(p.CustomerCode)}`,
  customers: (a: string) => `${adm(a)}/customers`,
  priceList: (a: string, p: { PriceListCode: string }) => `${adm(a)}/pricelists/${enc(p.PriceListCode)}`,
  priceLists: (a: string) => `${adm(a)}/pricelists`,
  contactPerson: (a: string, p: { CustomerCode: string; ContactPersonCode: string }) =>
    `${adm(a)}/customers/${enc(p.CustomerCode)}/contactpersons/${enc(p.ContactPersonCode)}`,
  contactPersons: (a: string, p: { CustomerCode: string }) => `${adm(a)}/customers/${enc(p.CustomerCode)}/contactpersons`,
  address: (a: string, p: { CustomerCode: string; AddressCode: string }) => `${adm(a)}/customers/${enc(p.CustomerCode)}/addresses/${enc(p.AddressCode)}`,
  addresses: (a: string, p: { CustomerCode: string }) => `${adm(a)}/customers/${enc(p.CustomerCode)}/addresses`,
} as const;

export const ORISHA_PAGE_SIZE_MAX = 100;

/** The records' fields as we assume them (PascalCase like the delivery bodies' codes). */
export type FieldType = 'string' | 'number' | 'boolean' | 'string|null';
export const recordFields = {
  item: { ItemCode: 'string', Description: 'string', Unit: 'string', Price: 'number', Blocked: 'boolean', ModifiedAt: 'string' },
  customer: { CustomerCode: 'string', Name: 'string', Email: 'string|null', PriceListCode: 'string|null', Blocked: 'boolean', ModifiedAt: 'string' },
  priceList: { PriceListCode: 'string', Description: 'string', Currency: 'string', ModifiedAt: 'string' },
  contactPerson: { CustomerCode: 'string', ContactPersonCode: 'string', Name: 'string', Email: 'string|null', Phone: 'string|null', ModifiedAt: 'string' },
  address: { CustomerCode: 'string', AddressCode: 'string', Street: 'string', PostalCode: 'string', City: 'string', Country: 'string', ModifiedAt: 'string' },
} as const satisfies Record<string, Record<string, FieldType>>;

/** What `X-TriggeredBy-Id` holds for a change made over the API: the machine identity's client ID. */
export const TRIGGERED_BY_API_CLIENT = 'client-id' as const;
