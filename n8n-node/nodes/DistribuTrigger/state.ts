// The trigger's static data is the same for every provider (n8n-node/src/trigger/state.ts).
export * from '../../src/trigger/state';
