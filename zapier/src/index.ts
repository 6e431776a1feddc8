import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from '../package.json';
import { authentication } from './authentication';
import { creates } from './creates';
import { dropdownTriggers } from './dropdowns';
import { handleDistribuErrors, includeBearerToken } from './middleware';
import { searchOrCreates, searches } from './searches';
import { triggers } from './triggers';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [includeBearerToken],
  afterResponse: [handleDistribuErrors],
  // Let afterResponse see 429s so users get Distribu's retry delay in plain words (core 19 otherwise throws first).
  flags: { throwForThrottlingEarly: false },
  triggers: { ...triggers, ...dropdownTriggers },
  creates,
  searches,
  searchOrCreates,
});
