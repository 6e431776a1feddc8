import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import packageJson from '../package.json';
import { creates } from './creates';
import { dropdownTriggers } from './dropdowns';
import { authenticationOf } from './provider/connection';
import { includeApiKey, throwProviderErrors } from './provider/middleware';
import { hookTriggersOf } from './provider-app';
import { searchOrCreates, searches } from './searches';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication: authenticationOf(distribuHost),
  beforeRequest: [includeApiKey(distribuHost)],
  afterResponse: [throwProviderErrors(distribuHost)],
  // Let afterResponse see 429s so users get Distribu's retry delay in plain words (core 19 otherwise throws first).
  flags: { throwForThrottlingEarly: false },
  triggers: { ...hookTriggersOf(distribuHost), ...dropdownTriggers },
  creates,
  searches,
  searchOrCreates,
});
