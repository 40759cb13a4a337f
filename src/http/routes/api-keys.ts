import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { describeKey, issueKey } from "../../access/api-keys";
import { API_KEY_SCOPES } from "../../access/scopes";
import { cidrSchema } from "../../config/access";
import type { ApiKeysRepository } from "../../db/repositories/api-keys";
import { NotFoundError } from "../../errors";
import { requireScope } from "../middleware/auth";
import { commonErrors, jsonResponse, notFoundResponse, uuidParam } from "../schemas";

const keySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "the first characters of the key, to recognise it; not secret" }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    allowed_cidrs: z.array(z.string()).nullable(),
    active: z.boolean(),
    usage_count: z.number().int().openapi({ description: "written in batches, so a few seconds behind" }),
    last_used_at: z.string().nullable(),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi("ApiKey");

const newKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .refine((s) => new Set(s).size === s.length, { message: "scopes must not repeat" }),
    allowed_cidrs: z.array(cidrSchema).max(20).optional(),
  })
  .strict()
  .openapi("NewApiKey");

const adminOnly = { tags: ["admin"], middleware: [requireScope("admin")] };

/** Key management for admin keys. The first admin key comes from `bun run keys create`, never from here. */
export function registerApiKeyRoutes(app: OpenAPIHono, keys: ApiKeysRepository) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/admin/api-keys",
      ...adminOnly,
      summary: "Create an API key (the key is in this answer only)",
      request: { body: { required: true, content: { "application/json": { schema: newKeySchema } } } },
      responses: {
        201: jsonResponse(keySchema.extend({ key: z.string() }), "The new key, shown once"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { row, key } = await issueKey(keys, {
        name: body.name,
        scopes: body.scopes,
        allowedCidrs: body.allowed_cidrs,
      });
      c.header("Cache-Control", "no-store");
      return c.json({ ...describeKey(row), key }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/admin/api-keys",
      ...adminOnly,
      summary: "Every API key, newest first (never the secrets)",
      responses: { 200: jsonResponse(z.object({ keys: z.array(keySchema) }), "Keys"), ...commonErrors },
    }),
    async (c) => c.json({ keys: (await keys.list()).map(describeKey) }, 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/admin/api-keys/{id}",
      ...adminOnly,
      summary: "Revoke an API key (it answers 401 from then on)",
      request: { params: z.object({ id: uuidParam.openapi({ param: { name: "id", in: "path" } }) }) },
      responses: { 200: jsonResponse(keySchema, "The revoked key"), 404: notFoundResponse, ...commonErrors },
    }),
    async (c) => {
      const row = await keys.revoke(c.req.valid("param").id);
      if (!row) throw new NotFoundError("api_key_not_found", "no API key with this id");
      return c.json(describeKey(row), 200);
    },
  );
}
