import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { distribuHost } from '@distribu/shared/providers/distribu';
import packageJson from '../package.json';
import { authentication } from './authentication';
import { distribuSteps } from './distribu-steps';
import { handleDistribuErrors, includeBearerToken } from './middleware';
import { createsOf, dropdownTriggersOf, searchOrCreatesOf, searchesOf } from './provider-app';
import { triggers } from './triggers';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [includeBearerToken],
  afterResponse: [handleDistribuErrors],
  // Let afterResponse see 429s so users get Distribu's retry delay in plain words (core 19 otherwise throws first).
  flags: { throwForThrottlingEarly: false },
  triggers: { ...triggers, ...dropdownTriggersOf(distribuHost, distribuSteps) },
  creates: createsOf(distribuHost, distribuSteps),
  searches: searchesOf(distribuHost, distribuSteps),
  searchOrCreates: searchOrCreatesOf(distribuHost),
});
