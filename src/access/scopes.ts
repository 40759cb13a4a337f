/** What an API key may do: read problems, ask for generations, or manage keys. */
export const API_KEY_SCOPES = ["read", "generate", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
