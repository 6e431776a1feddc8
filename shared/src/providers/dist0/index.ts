// dist0 as a provider: everything a host or test imports, in one place.
export * from './assumed-api';
export * from './capabilities';
export * from './host';
export * from './signal';
export * from './client';
export * from './events';
export * from './inbound';
export * from './operations';
export * from './provider';
export * from './scheme';
export * from './voice';
