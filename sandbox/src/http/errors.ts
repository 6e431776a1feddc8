/** An answer in Distribu's error format `{"error": "..."}` (plus at most one extra field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): Record<string, unknown> {
    return { error: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} not found.`);

/** 400 naming the bad field: `Validation failed. url: must be ...`, with `field` for programs. */
export const invalid = (field: string, problem: string) =>
  new ApiError(400, `Validation failed. ${field}: ${problem}`, { field });

/** 422: understood, but a business rule refuses it. */
export const refused = (message: string) => new ApiError(422, message);
