// The catalog's fields as Zapier output fields (the hook triggers' own, provider/hook-fields.ts), under the path
// Distribu's actions and searches import them from (operations/outputs.ts).
export { outputFieldsFor, zapierKey, type ZapierOutputField } from '../provider/hook-fields';
