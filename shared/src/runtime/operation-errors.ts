// An operation's failures in the user's terms: which order transition is not allowed and which
// are, what could not be found, and whether a create happened.
import type { DistribuClient } from './client';
import { DistribuApiError, DistribuNetworkError, isDefiniteRefusal } from './errors';
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

const NOT_RETRIED = 'It was not retried automatically: Distribu has no idempotency keys, so a repeat could create a duplicate.';

/** The error a connector shows for a failed operation (the original when there is nothing to add). */
export async function explainFailure(
  client: DistribuClient,
  op: RuntimeOperation,
  values: Record<string, unknown>,
  error: unknown,
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
  if (creates && !isDefiniteRefusal(error) && (error instanceof DistribuApiError || error instanceof DistribuNetworkError)) {
    const unknown = `The ${noun} may or may not have been created: look in Distribu before running this again. ${NOT_RETRIED}`;
    if (error instanceof DistribuApiError) return new DistribuApiError(error.details, `${error.message} ${unknown}`);
    return new DistribuNetworkError(error.kind, `${error.message} ${unknown}`);
  }
  return error;
}
