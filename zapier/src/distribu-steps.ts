// How the creates, searches and dropdowns of Distribu's own app reach Distribu: over its transport (the step's
// time budget, the Base URL check, Retry-After: transport.ts) and in its error words (errors.ts), as the rest of
// its app does, until the connection's client (provider/connection.ts) carries them for every provider.
import type { Steps } from './provider-app';
import { withRunErrors } from './errors';
import { distribuClient } from './transport';

export const distribuSteps: Steps = {
  client: (z, bundle) => distribuClient(z, bundle),
  words: (z, _bundle, call) => withRunErrors(z, call),
};
