import { createAppTester } from 'zapier-platform-core';
import App from '../../../zapier/src';

export { App };
/** zapier-platform-core's own runner over the TypeScript source (swc compiles it for jest). */
export const appTester = createAppTester(App);

export function trigger(key: string) {
  const t = (App.triggers as Record<string, any>)[key];
  if (!t) throw new Error(`no trigger ${key}`);
  return t.operation as {
    perform: (z: any, b: any) => Promise<any[]>;
    performList: (z: any, b: any) => Promise<any[]>;
    performSubscribe: (z: any, b: any) => Promise<any>;
    performUnsubscribe: (z: any, b: any) => Promise<any>;
    sample: Record<string, unknown>;
    outputFields: Array<{ key: string; label?: string; type?: string; required?: boolean }>;
    inputFields: Array<{ key: string; choices?: Array<{ value: string }>; list?: boolean }>;
  };
}

/** A thrown Zapier error's parts: z.errors.Error/ThrottledError carry JSON in `message`. */
export function zapierErrorParts(error: unknown): { name: string; message: string; code?: string; status?: number; delay?: number } {
  const e = error as Error;
  try {
    const parsed = JSON.parse(e.message) as { message: string; code?: string; status?: number; delay?: number };
    return { name: e.name, ...parsed };
  } catch {
    return { name: e.name, message: e.message };
  }
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
