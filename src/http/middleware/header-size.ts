import { errorBody } from "./errors";
import type { Fetch } from "./host";

/** The request line and header fields together; beyond this the app answers 431 in the error shape. */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Runs before routing. Bun's parser refuses oversized heads itself with an empty 431, at the ceiling set by
 * `--max-http-header-size` (16 KiB unless raised). The service runs with that ceiling raised to 64 KiB (see the
 * `start` script), so heads between this limit and the ceiling are refused here, in the error contract.
 */
export function limitHeaderSize(fetch: Fetch, maxBytes = MAX_HEADER_BYTES): Fetch {
  return (request, server) => {
    // The URL here is absolute (scheme and host added by Bun): a few bytes more than the request target.
    let size = request.method.length + request.url.length + 11;
    for (const [name, value] of request.headers) size += name.length + value.length + 4;
    if (size > maxBytes)
      return Response.json(
        errorBody("request_header_fields_too_large", `the request line and headers are limited to ${maxBytes} bytes`),
        { status: 431, headers: { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" } },
      );
    return fetch(request, server);
  };
}
