// The one way the front end talks to the server: JSON over /api/v1, errors in the server's one shape
// turned into ApiError, so every page can say what went wrong and what to do next.

export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: unknown;
    readonly requestId?: string;
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface RequestOptions {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly body?: unknown;
  readonly form?: FormData;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "We could not reach the server. Check your connection and try again.");
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const err = (json as ApiErrorBody | null)?.error;
    const retry = Number(response.headers.get("retry-after"));
    throw new ApiError(
      response.status,
      err?.code ?? `HTTP_${response.status}`,
      err?.message ?? `The server answered ${response.status}.`,
      err?.details,
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A sentence a shopper or agent can act on, whatever went wrong. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return `Too many attempts in a short time. Please wait ${wait ? `${Math.ceil(wait / 60) > 1 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`}` : "a minute"} and try again.`;
  }
  if (error.status === 401) return "Your session has ended. Find your order again to continue.";
  if (error.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  return error.message;
}
