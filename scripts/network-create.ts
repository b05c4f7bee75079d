// Sets up a network with its first organiser, for the very first setup of an
// installation (later, operators do this on /betrieb):
//
//   npm run network:create -- --name "Frühe Hilfen Südpfalz" --organiser koordination@example.org
//     [--slug …] [--municipality "Landau in der Pfalz"] [--remote]
//
// Runs `wrangler d1 execute` against the local D1 (also while `npm start` runs) or,
// with --remote, against the deployed one. NW_PERSIST_TO takes the same directory
// as `wrangler dev --persist-to`; --env passes a wrangler environment through.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { slugFromName, slugProblem } from "../worker/domain/networks";

function fail(message: string): never {
  console.error(`network:create: ${message}`);
  process.exit(1);
}

const usage =
  'Usage: npm run network:create -- --name "Name des Netzwerks" --organiser <email> [--slug <slug>] [--municipality "Modellkommune"] [--remote] [--env <wrangler env>]';

let values: {
  name?: string;
  organiser?: string;
  slug?: string;
  municipality?: string;
  remote?: boolean;
  env?: string;
};
try {
  ({ values } = parseArgs({
    options: {
      name: { type: "string" },
      organiser: { type: "string" },
      slug: { type: "string" },
      // The model municipality, so that the directory can be imported straight away; more on the settings page.
      municipality: { type: "string" },
      remote: { type: "boolean", default: false },
      env: { type: "string" },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}

const name = values.name?.trim() ?? "";
const email = values.organiser?.trim().toLowerCase() ?? "";
if (!name || name.length > 200) fail(`--name is required (at most 200 characters).\n${usage}`);
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
  fail(`--organiser needs the first organiser's e-mail address.\n${usage}`);
const municipality = values.municipality?.trim() ?? "";
if (municipality.length > 200) fail("--municipality takes at most 200 characters.");
const slug = values.slug?.trim() || slugFromName(name);
const problem = slugProblem(slug);
if (problem === "reserved") fail(`the slug "${slug}" is reserved for a page of the app; choose another with --slug.`);
if (problem === "invalid")
  fail(`the slug "${slug}" is not valid: 3–60 lowercase letters a–z, digits and single hyphens (--slug).`);

const target = values.remote ? ["--remote"] : ["--local"];
if (!values.remote && process.env.NW_PERSIST_TO) target.push("--persist-to", process.env.NW_PERSIST_TO);
if (values.env) target.push("--env", values.env);

function wrangler(args: string[]) {
  const result = spawnSync("npx", ["wrangler", "d1", "execute", "DB", ...target, "--yes", ...args], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  if (result.status !== 0) fail(`wrangler d1 execute failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** An SQL string literal: single quotes doubled, so no input can end the literal. */
const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

const taken = JSON.parse(wrangler(["--json", "--command", `select id from networks where slug = ${text(slug)}`]));
if (taken[0]?.results?.length > 0) fail(`the slug "${slug}" is taken by another network; choose another with --slug.`);

const now = Date.now();
const networkId = crypto.randomUUID();
const sql = [
  `insert into networks (id, slug, name, created_at) values (${text(networkId)}, ${text(slug)}, ${text(name)}, ${now});`,
  ...(municipality
    ? [
        `insert into municipalities (id, network_id, name, role) values (${text(crypto.randomUUID())}, ${text(networkId)}, ${text(municipality)}, 'model');`,
      ]
    : []),
  `insert into accounts (id, email, created_at) values (${text(crypto.randomUUID())}, ${text(email)}, ${now}) on conflict (email) do nothing;`,
  `insert into roles (id, account_id, network_id, role, institution_id, created_at) select ${text(crypto.randomUUID())}, id, ${text(networkId)}, 'organiser', null, ${now} from accounts where email = ${text(email)};`,
  // No actor: the command is run by whoever holds the Cloudflare credentials.
  `insert into audit_log (id, network_id, at, actor_account_id, action, entity_type, entity_id, details) values (${text(crypto.randomUUID())}, ${text(networkId)}, ${now}, null, 'network.created', 'network', ${text(networkId)}, '{"via":"network:create"}');`,
].join("\n");

const dir = mkdtempSync(join(tmpdir(), "network-create-"));
try {
  const file = join(dir, "network.sql");
  writeFileSync(file, sql);
  wrangler(["--file", file]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(slug);
console.error(
  `Network "${name}" is set up (${values.remote ? "remote" : "local"} D1), slug: ${slug}\n` +
    `Its first organiser signs in at /anmelden with ${email}: the sign-in link comes by e-mail.`,
);
