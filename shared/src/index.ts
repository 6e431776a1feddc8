// The full shared package: the zod catalog and schemas (types, build-time artifacts, tests) plus the
// zod-free runtime. Connectors import from './runtime' so their bundles stay free of zod.
export * from './catalog';
export * from './schemas';
export * as runtime from './runtime';
