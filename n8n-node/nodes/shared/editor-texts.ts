import { WEBHOOK_CAP } from '@distribu/shared/runtime';

/*
 * What the n8n editor shows about Distribu that is not one node's parameter: docs links, scopes,
 * the credential notice, the trigger's webhook-cap and activation texts. Every Distribu node and
 * the credential import them from here. Button names are n8n 2.40's own labels ("Execute step",
 * "Execute workflow", "Publish"); n8n renders only <a>, <ul> and <li> in a notice.
 */

/**
 * The package README. n8n's node "Docs" link appends `?utm_…` to a codex URL, which would break a
 * `#fragment`: codex files (*.node.json) use this URL exactly, with no fragment and no query.
 */
export const DOCS_URL = 'https://github.com/distribu/distribu-connectors/tree/main/n8n-node';

/** Collection placeholders, in n8n's own sentence case. */
export const ADD_OPTION = 'Add option';

/** What the Distribu Trigger needs to publish: list, create, repair and delete its webhook. */
export const TRIGGER_SCOPES = ['webhooks:read', 'webhooks:write'] as const;

/**
 * The one scope the credential test's request (GET /api/v1/webhooks) proves. Distribu has no
 * endpoint that lists a key's scopes, so a test cannot check more without changing something.
 */
export const TESTED_SCOPE = TRIGGER_SCOPES[0];

const scopes = (names: readonly string[]) => names.join(' and ');

export const CREDENTIAL_NOTICE =
	'Create an API key in Distribu under Settings → API keys (owners and admins only). Its scopes are fixed when it is created, so include what your nodes need:' +
	'<ul>' +
	`<li>Distribu Trigger: ${scopes(TRIGGER_SCOPES)}; with Fetch Full Record also orders:read, customers:read or products:read.</li>` +
	'<li>Distribu (actions): the :read scope of each resource it reads (orders, customers, products, reports) and the :write scope of each it creates or changes.</li>' +
	'<li>Distribu Polling Trigger: orders:read, customers:read or products:read, for the event it checks.</li>' +
	'</ul>' +
	`"Connection tested successfully" means Distribu accepted the key and it has ${TESTED_SCOPE}: no other scope can be checked. A missing scope is named when a node uses it.`;

/** The credential test's answer when the base URL does not lead to Distribu's API. */
export const NO_API_AT_BASE_URL =
	'No Distribu API answered at this Base URL. Keep https://distribu.app unless Distribu support gave you another address.';

/** Added to the credential test's 403: a key meant only for actions may lack webhook scopes. */
export const ACTIONS_ONLY_KEY =
	'If this key is only for the Distribu node (actions), you can keep it: the test can check no other scope.';

/** Why the cap matters, in the words of n8n's buttons. The trigger's notice and cap error share it. */
export const CAP_EXPLAINED = `It counts toward Distribu's limit of ${WEBHOOK_CAP} webhooks per company: one while the workflow is published, and one more while Execute step or Execute workflow waits for a test event.`;

/** The trigger's notice: the node registers its own URL, so there is nothing to paste into Distribu. */
export const TRIGGER_NOTICE = `n8n sets up this trigger's webhook in Distribu for you: there is no URL to copy. ${CAP_EXPLAINED}`;

/**
 * Shown by n8n's "Workflow published" dialog as soon as the publish request returns, while the
 * webhook is still being registered in the background: it promises nothing that has not happened.
 */
export const TRIGGER_ACTIVATION_MESSAGE = `n8n is now registering the webhook with Distribu, which takes a few seconds. If that fails (for example, all ${WEBHOOK_CAP} webhooks in use), n8n shows the error and marks the Publish button: fix the cause, then publish again.`;
