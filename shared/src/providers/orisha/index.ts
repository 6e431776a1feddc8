// Orisha Commerce, zod-free (what hosts bundle). The zod operation catalog is ./operations.
export * from './assumed-api';
export * from './client';
export * from './events';
export * from './hydrate';
export * from './inbound';
export * from './normalize';
export * from './provider';
export * from './reads';
export * from './samples';
export * from './scheme';
export * from './subscription';
export * from './voice';
export * from './run';
export * from './late';
