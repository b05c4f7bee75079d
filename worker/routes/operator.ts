import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import {
  createNetworkWithOrganiser,
  listNetworkOverview,
  type NetworkOverview,
  setNetworkStatus,
} from "../db/operator";
import { SLUG_MAX, slugFromName, slugProblem } from "../domain/networks";
import { normaliseEmail, requireAuth } from "../lib/auth";
import { operator } from "../lib/guards";
import { deliverAfterResponse } from "../lib/mail";
import { requirePublicOrigin } from "../lib/origin";
import { ApiError, localeOf } from "../lib/problem";
import { createRouter } from "../lib/router";
import { idParam, jsonContent, problemResponses } from "../lib/schemas";

// The operators' page: networks of the installation, counts only. Operators see no
// network's personal data, and hold no role in any network through this.
const OperatorNetworkSchema = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "fruehe-hilfen-suedpfalz" }),
    name: z.string().openapi({ example: "Frühe Hilfen Südpfalz" }),
    status: z.enum(["active", "suspended"]),
    createdAt: z.string(),
    suspendedAt: z.string().nullable(),
    organisers: z.number().int(),
    institutions: z.number().int(),
    events: z.number().int(),
  })
  .openapi("OperatorNetwork");

const NewNetworkSchema = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: "Frühe Hilfen Südpfalz" }),
    slug: z
      .string()
      .trim()
      .max(SLUG_MAX + 40)
      .optional()
      .openapi({
        description:
          "3–60 lowercase letters, digits and hyphens, not a page of the app; derived from the name when left out",
        example: "fruehe-hilfen-suedpfalz",
      }),
    organiserEmail: z.email().max(254).openapi({ example: "koordination@fruehe-hilfen-suedpfalz.example" }),
    locale: z.enum(["de", "en"]).optional().openapi({ description: "Language of the invitation mail" }),
  })
  .openapi("NewNetwork");

const NetworkIdParam = idParam("networkId");

const present = (n: NetworkOverview) => ({
  ...n,
  createdAt: n.createdAt.toISOString(),
  suspendedAt: n.suspendedAt?.toISOString() ?? null,
});

async function overviewOf(db: Db, id: string) {
  const found = (await listNetworkOverview(db)).find((n) => n.id === id);
  if (!found) throw new ApiError("network_not_found");
  return present(found);
}

const statusRoute = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/operator/networks/{networkId}/suspension",
    tags: ["Operation"],
    summary:
      method === "post"
        ? "Suspend a network: hidden and refused for all but the operators, no mail sent, data kept (operators)"
        : "Reactivate a suspended network (operators)",
    middleware: [operator] as const,
    request: { params: NetworkIdParam },
    responses: {
      200: jsonContent(OperatorNetworkSchema, method === "post" ? "Suspended" : "Active again"),
      ...problemResponses(400, 401, 403, 404),
    },
  });

export const operatorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/operator/networks",
      tags: ["Operation"],
      summary: "All networks of the installation with their status and sizes (operators)",
      middleware: [operator] as const,
      responses: {
        200: jsonContent(z.object({ items: z.array(OperatorNetworkSchema) }), "Networks, newest first"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: (await listNetworkOverview(c.var.db)).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/operator/networks",
      tags: ["Operation"],
      summary: "Set up a network and invite its first organiser by e-mail (operators)",
      description:
        "Creates the network, the organiser's account unless it exists, the organiser role and an invitation mail " +
        "with a sign-in link. 400 `network_slug_invalid` / `network_slug_reserved`, 409 `network_slug_taken`.",
      middleware: [operator] as const,
      request: { body: { content: { "application/json": { schema: NewNetworkSchema } }, required: true } },
      responses: {
        201: jsonContent(OperatorNetworkSchema, "Created; the invitation is in the outbox"),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const slug = input.slug ? input.slug : slugFromName(input.name);
      const problem = slugProblem(slug);
      if (problem) throw new ApiError(problem === "reserved" ? "network_slug_reserved" : "network_slug_invalid");
      const created = await createNetworkWithOrganiser(
        c.var.db,
        {
          name: input.name,
          slug,
          organiserEmail: normaliseEmail(input.organiserEmail),
          organiserLocale: input.locale ?? localeOf(c),
        },
        { actorAccountId: requireAuth(c).accountId, origin: requirePublicOrigin(c.env, c.req.url) },
      );
      if (created === "slug_taken") throw new ApiError("network_slug_taken");
      deliverAfterResponse(c);
      return c.json(await overviewOf(c.var.db, created.network.id), 201);
    },
  )
  .openapi(statusRoute("post"), async (c) => {
    const updated = await setNetworkStatus(
      c.var.db,
      c.req.valid("param").networkId,
      "suspended",
      requireAuth(c).accountId,
    );
    if (!updated) throw new ApiError("network_not_found");
    return c.json(await overviewOf(c.var.db, updated.id), 200);
  })
  .openapi(statusRoute("delete"), async (c) => {
    const updated = await setNetworkStatus(
      c.var.db,
      c.req.valid("param").networkId,
      "active",
      requireAuth(c).accountId,
    );
    if (!updated) throw new ApiError("network_not_found");
    return c.json(await overviewOf(c.var.db, updated.id), 200);
  });
