import { z } from "@hono/zod-openapi";

export const FieldErrorSchema = z.object({
  path: z.string().openapi({ example: "sector" }),
  code: z.string().openapi({ example: "invalid_value" }),
  message: z.string(),
});

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/problems/validation-failed" }),
    title: z.string().openapi({ example: "Eingaben unvollständig oder ungültig" }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string(),
    code: z.string().openapi({ description: "Stable, machine-readable error code.", example: "validation_failed" }),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

/** The error responses a route documents, by status. */
export const problemResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[]) => {
  const descriptions = {
    400: "Invalid input",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict with the current state",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Rule violated",
    429: "Too many requests",
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status], content: problemContent }]),
  ) as Record<(typeof statuses)[number], { description: string; content: typeof problemContent }>;
};

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** A path parameter holding an id; documented under its own name. */
export const idParam = <K extends string>(name: K) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(100)
      .openapi({ param: { name, in: "path" } }),
  } as Record<K, z.ZodString>);

export const InstitutionIdParam = idParam("institutionId");
