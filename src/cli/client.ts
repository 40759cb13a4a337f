import { FailedError } from "./command";

/** The service did not answer at all (refused, unknown host, timed out): exit 3 with one line. */
export class UnreachableError extends Error {
  override readonly name = "UnreachableError";
}

/** One HTTP call may take this long before the service counts as unreachable. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface ApiClient {
  readonly baseUrl: URL;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** What to do about a refused key, since the service's own message cannot know about --api-key. */
const REFUSAL_HINT: Record<number, string> = {
  401: "refused: pass a valid API key with --api-key or LQS_API_KEY",
  403: "refused: this API key may not do this",
};

/** The service's JSON API over fetch. Non-2xx answers become FailedError with the service's own message. */
export function apiClient(options: { baseUrl: string; apiKey?: string }): ApiClient {
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new UnreachableError(`"${options.baseUrl}" is not a URL (set --url or LQS_URL)`);
  }
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, baseUrl);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const { name, code, message } = error as Error & { code?: string };
      const reason =
        name === "TimeoutError"
          ? `no answer within ${REQUEST_TIMEOUT_MS} ms`
          : code === "ECONNREFUSED"
            ? "connection refused"
            : (code ?? message);
      throw new UnreachableError(`cannot reach the service at ${baseUrl.origin} (${reason})`);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new FailedError(`${method} ${url.pathname} answered HTTP ${res.status} with a body that is not JSON`);
    }
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      const detail = error?.message
        ? `${error.message} (${error.code ?? "error"}, HTTP ${res.status})`
        : `HTTP ${res.status}`;
      const hint = REFUSAL_HINT[res.status];
      throw new FailedError(hint ? `${hint}: ${detail}` : detail);
    }
    return parsed as T;
  }

  return {
    baseUrl,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    delete: (path) => call("DELETE", path),
  };
}
