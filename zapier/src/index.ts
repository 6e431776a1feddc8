// Distribu's Zapier app: the app every provider gets (makeApp, provider-app.ts) from Distribu's host data. Its keys,
// labels and fields are those its users' Zaps hold (test/zapier/distribu-app-definition.test.ts).
import { version as platformVersion } from 'zapier-platform-core';
import { distribuZapierHost } from '@distribu/shared/providers/distribu/zapier';
import packageJson from '../package.json';
import { makeApp } from './provider-app';

export default makeApp(distribuZapierHost, packageJson.version, platformVersion);
