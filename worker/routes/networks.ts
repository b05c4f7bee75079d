import { createRoute, z } from "@hono/zod-openapi";
import { loadNetworkDetail } from "../db/network-settings";
import { activeNetworks } from "../db/queries";
import { byGermanName } from "../domain/directory";
import type { AppEnv } from "../env";
import { activeNetwork } from "../lib/guards";
import { createRouter } from "../lib/router";
import { jsonContent, problemResponses } from "../lib/schemas";

export const NetworkRefParam = z.object({
  networkId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "networkId", in: "path" }, description: "Id or slug", example: "kinderschutzcluster-9" }),
});

const NetworkSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string().openapi({ example: "Kinderschutzcluster 9" }),
    description: z.string(),
    state: z.string(),
  })
  .openapi("NetworkSummary");

export const MunicipalitySchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(["model", "partner"]) })
  .openapi("Municipality");

export const NetworkSchema = NetworkSummarySchema.extend({
  senderName: z.string().openapi({ description: "Display name in the From of the network's mails; empty: its name." }),
  logo: z
    .object({
      url: z.string().openapi({ example: "/api/networks/net-kc9/logo?v=3f2a9c0d1e4b5a6c7d8e9f00" }),
      contentType: z.enum(["image/png", "image/svg+xml"]),
    })
    .nullable(),
  privacyNotice: z.string(),
  retentionMonths: z.number().int(),
  municipalities: z.array(MunicipalitySchema),
  institutionCount: z.number().int(),
}).openapi("Network");

const summary = (n: AppEnv["Variables"]["network"]) => ({
  id: n.id,
  slug: n.slug,
  name: n.name,
  description: n.description,
  state: n.state,
});

export const networks = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/networks",
      tags: ["Directory"],
      summary: "List networks (active ones)",
      responses: { 200: jsonContent(z.object({ items: z.array(NetworkSummarySchema) }), "All networks") },
    }),
    async (c) => {
      const rows = await activeNetworks(c.var.db);
      return c.json({ items: rows.sort(byGermanName).map(summary) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/networks/{networkId}",
      tags: ["Directory"],
      summary: "A network with its municipalities",
      request: { params: NetworkRefParam },
      responses: { 200: jsonContent(NetworkSchema, "The network"), ...problemResponses(400, 403, 404) },
    }),
    async (c) => {
      const network = await activeNetwork(c, c.req.valid("param").networkId);
      return c.json(await loadNetworkDetail(c.var.db, network), 200);
    },
  );
