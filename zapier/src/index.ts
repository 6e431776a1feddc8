import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import packageJson from '../package.json';
import { authentication } from './authentication';
import { creates } from './creates';
import { dropdownTriggers } from './dropdowns';
import { handleDistribuErrors, includeBearerToken } from './middleware';
import { hookTriggersOf } from './provider-app';
import { searchOrCreates, searches } from './searches';
import { distribuClient } from './transport';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [includeBearerToken],
  afterResponse: [handleDistribuErrors],
  // Let afterResponse see 429s so users get Distribu's retry delay in plain words (core 19 otherwise throws first).
  flags: { throwForThrottlingEarly: false },
  // The REST-hook triggers every provider's app has (provider/hooks.ts), over Distribu's transport (time budget, base-URL check).
  triggers: { ...hookTriggersOf(distribuHost, { client: distribuClient }), ...dropdownTriggers },
  creates,
  searches,
  searchOrCreates,
});
