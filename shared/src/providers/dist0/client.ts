// dist0's read API over the host's HTTP function: `POST /api/v1/invoke` with a capability, its input
// and (for a key not tied to a project) the project; `GET /api/v1/capabilities`. Every answer is
// `{data: …}`; an error status becomes an ApiError in dist0's words (voice.ts).
import { RestClient, isRecord, type Transport } from '../../kit/api/client';
import { dist0ApiShape } from './voice';

export interface Page<T> {
  items: T[];
  nextPage: number | null;
}

export class Dist0Client extends RestClient {
  constructor(transport: Transport, private readonly project?: string) {
    super(transport, dist0ApiShape);
  }

  /** One capability; the project selector is sent only when set (a project-tied key ignores it). */
  async invoke<T = unknown>(capability: string, input: Record<string, unknown> = {}): Promise<T> {
    const body: Record<string, unknown> = { capability, input };
    if (this.project) body.project = this.project;
    const response = await this.call({ method: 'POST', path: '/invoke', body });
    const data = this.shape.unwrap(response.body);
    if (data === undefined) throw this.shape.malformed();
    return data as T;
  }

  /** One page of a list capability. */
  async page<T = Record<string, unknown>>(capability: string, input: Record<string, unknown> = {}): Promise<Page<T>> {
    const data = await this.invoke(capability, input);
    if (!isRecord(data) || !Array.isArray(data.items)) throw this.shape.malformed();
    return { items: data.items as T[], nextPage: typeof data.nextPage === 'number' ? data.nextPage : null };
  }

  /** The capabilities this key may call (also the cheapest test of a key). */
  async capabilities(): Promise<Array<{ name: string; description: string }>> {
    const response = await this.call({ method: 'GET', path: '/capabilities' });
    const data = this.shape.unwrap(response.body);
    if (!Array.isArray(data)) throw this.shape.malformed();
    return data as Array<{ name: string; description: string }>;
  }
}
