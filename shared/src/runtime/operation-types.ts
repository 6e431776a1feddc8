// Shapes of the generated operation catalog (shared/generated/operations.json): the kit's
// (shared/src/kit/catalog.ts), under the names Distribu's code has always imported.
export type { OperationInput, OperationKind, RecordPicker, RuntimeOperation } from '../kit/catalog';
