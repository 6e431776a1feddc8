// How the creates, searches and dropdowns of Distribu's own app reach Distribu: over its transport (the step's time
// budget, the Base URL check, Retry-After: transport.ts), as the rest of its app does, until the connection's client
// (provider/connection.ts) carries them for every provider. Their failures are worded as any provider's steps are.
import { distribuHost } from '@distribu/shared/providers/distribu';
import { stepsOf, type Steps } from './provider-app';
import { distribuClient } from './transport';

export const distribuSteps: Steps = { ...stepsOf(distribuHost), client: (z, bundle) => distribuClient(z, bundle) };
