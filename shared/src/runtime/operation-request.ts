// Distribu's operation checks: the kit's (shared/src/kit/operations/request.ts), which redact what looks like a
// Distribu key or signing secret in their messages.
import { InputError, validateParams as validateWith, type Params } from '../kit/operations/request';
import type { RuntimeOperation } from '../kit/catalog';
import { redactSecrets } from './errors';

export { buildRequest, type Params } from '../kit/operations/request';

/** A parameter is missing or wrong: the kit's InputError (every host catches that one class, for every provider). */
export { InputError as DistribuInputError };

/** Checks `params` against the operation's inputs: the values to send, typed, or an input error in plain words. */
export function validateParams(op: RuntimeOperation, params: Params): Params {
  return validateWith(op, params, redactSecrets);
}
