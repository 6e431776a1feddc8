// An operation's failures in the user's terms: which order transition is not allowed and which
// are, what could not be found, and whether a create happened.
import type { DistribuClient } from './client';
import { DistribuApiError, DistribuNetworkError, isDefiniteRefusal, noAnswerWithin } from './errors';
import type { RuntimeOperation } from './operation-types';
import { allowedTransitionsText, TRANSITIONS, type OrderStatus } from './order-rules';

const isStatus = (value: unknown): value is OrderStatus => typeof value === 'string' && value in TRANSITIONS;

/** The order's status now: read it, or failing that take it from Distribu's "from X to Y" message. */
async function currentStatus(client: DistribuClient, orderId: string, error: DistribuApiError): Promise<OrderStatus | undefined> {
  try {
    const status = (await client.getOrder(orderId)).status;
    if (isStatus(status)) return status;
  } catch {
    // No orders:read, or Distribu is unreachable: fall back to the refusal's own words.
  }
  const said = error.apiMessage?.match(/from ([A-Z]+) to/)?.[1];
  return isStatus(said) ? said : undefined;
}

/** A refused status change, restated with the transitions the order allows. */
async function transitionRefusal(client: DistribuClient, values: Record<string, unknown>, error: DistribuApiError): Promise<Error> {
  const target = values.status;
  const orderId = String(values.orderId);
  const from = await currentStatus(client, orderId, error);
  if (!from || !isStatus(target) || TRANSITIONS[from].includes(target)) return error;
  return new DistribuApiError(
    error.details,
    `Distribu refused to change order ${orderId} from ${from} to ${target}: that transition is not allowed. ${allowedTransitionsText(from)} The order was not changed.`,
  );
}

/** `Product not found.` → `product`. */
function missingNoun(error: DistribuApiError): string | undefined {
  return error.apiMessage?.match(/^(\w+) not found/i)?.[1]?.toLowerCase();
}

/** What went wrong when Distribu gave no clear answer, without "try again" (a create must not be repeated blindly). */
const NO_ANSWER: Record<DistribuNetworkError['kind'], (error: DistribuNetworkError) => string> = {
  timeout: (error) => noAnswerWithin(error.timeoutMs),
  network: () => 'The connection to Distribu failed or was cut before an answer came.',
  malformed: () => "Distribu's answer could not be read.",
};

function unknownOutcome(noun: string): string {
  return `The ${noun} may or may not have been created: look in Distribu before running this again. It was not retried automatically: Distribu has no idempotency keys, so a repeat could duplicate it.`;
}

/**
 * The error a connector shows for a failed operation (the original when there is nothing to add).
 * `createSent`: a create request went out, so an unclear failure leaves its outcome unknown.
 */
export async function explainFailure(
  client: DistribuClient,
  op: RuntimeOperation,
  values: Record<string, unknown>,
  error: unknown,
  createSent: boolean,
): Promise<unknown> {
  const creates = !op.retrySafe;
  const noun = op.resource;
  if (error instanceof DistribuApiError) {
    if (op.key === 'order.updateStatus' && (error.status === 422 || error.status === 400)) return transitionRefusal(client, values, error);
    if (error.status === 404) {
      const what = missingNoun(error) ?? noun;
      return new DistribuApiError(
        error.details,
        `Distribu could not find the ${what}: check its ID (it may have been deleted, or belong to another company).${creates ? ` Nothing was created.` : ''}`,
      );
    }
    if (creates && isDefiniteRefusal(error)) return new DistribuApiError(error.details, `${error.message} Nothing was created.`);
  }
  if (createSent && error instanceof DistribuApiError && !isDefiniteRefusal(error)) {
    return new DistribuApiError(error.details, `Distribu had a server error (HTTP ${error.status}). ${unknownOutcome(noun)}`);
  }
  if (createSent && error instanceof DistribuNetworkError) return new DistribuNetworkError(error.kind, `${NO_ANSWER[error.kind](error)} ${unknownOutcome(noun)}`, error.timeoutMs, error.why);
  return error;
}
