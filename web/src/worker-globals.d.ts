// The web app imports only the worker's types (for the typed client). Workers'
// runtime globals are declared here by name, because @cloudflare/workers-types
// and the DOM library cannot be loaded together.
type D1Database = import("@cloudflare/workers-types/2023-07-01/index.ts").D1Database;
type Fetcher = import("@cloudflare/workers-types/2023-07-01/index.ts").Fetcher;
type Queue<Body = unknown> = import("@cloudflare/workers-types/2023-07-01/index.ts").Queue<Body>;
type MessageBatch<Body = unknown> = import("@cloudflare/workers-types/2023-07-01/index.ts").MessageBatch<Body>;
