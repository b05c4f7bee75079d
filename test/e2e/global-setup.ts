// Starts the real app like `npm start`, but against a throw-away D1 in .wrangler/e2e-state
// so a developer's local data (and a running `npm start` on 8787) stays untouched.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The `--persist-to` directory of the running app, for commands that work on its local D1. */
    persistTo: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 8788);
// One state directory per port, so runs on different ports (E2E_PORT) never share a database.
const persistTo = `.wrangler/e2e-state-${port}`;
const baseURL = `http://127.0.0.1:${port}`;
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

function step(label: string): void {
  console.log(`[e2e ${new Date().toISOString()}] ${label}`);
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

async function healthStatus(): Promise<number | undefined> {
  try {
    const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The process group is already gone.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (isRunning(child)) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  // workerd may outlive the wrangler parent for a moment; make sure nothing of the group is left.
  killGroup(child.pid, "SIGKILL");
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if ((await healthStatus()) !== undefined) {
    throw new Error(`Something already answers on ${baseURL}; stop it or set E2E_PORT to a free port.`);
  }

  if (!existsSync(`${root}web/dist/index.html`)) {
    step("web/dist/index.html missing: npm run build");
    run("npm", ["run", "build"]);
  }

  step(`fresh D1 in ${persistTo}`);
  rmSync(`${root}${persistTo}`, { recursive: true, force: true });
  run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--env", "dev", "--persist-to", persistTo]);

  step("seeding the demo network");
  run("npx", ["tsx", "scripts/seed-local.ts"], { NW_PERSIST_TO: persistTo });

  step(`starting wrangler dev on ${baseURL}`);
  const output: string[] = [];
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--env",
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      // Every browser test signs in afresh; the real limits are tested in test/api/auth.test.ts.
      "--var",
      "SIGN_IN_LINKS_PER_ADDRESS:100",
      "--var",
      "SIGN_IN_LINKS_PER_CLIENT:1000",
      "--var",
      "SIGN_IN_MAILS_PER_ADDRESS:1000",
      // The operator of the test installation (test/e2e/operator.test.ts).
      "--var",
      "OPERATOR_EMAILS:betrieb@netzwerkstatt.example",
    ],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  // Last resort if vitest exits without running the teardown (e.g. Ctrl-C): the group is detached.
  const killOnExit = () => killGroup(child.pid, "SIGKILL");
  process.once("exit", killOnExit);

  const teardown = async (): Promise<void> => {
    step("stopping wrangler dev");
    await stop(child);
    process.off("exit", killOnExit);
  };

  const deadline = Date.now() + 120_000;
  let status: number | undefined;
  while (Date.now() < deadline) {
    status = await healthStatus();
    if (status === 200) break;
    if (!isRunning(child)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (status !== 200) {
    const exited = !isRunning(child);
    await teardown();
    throw new Error(
      `wrangler dev did not answer 200 on ${baseURL}/api/health ` +
        `(${exited ? `exited with ${child.exitCode ?? child.signalCode}` : `last status ${status ?? "no answer"}`}).\n` +
        `wrangler output:\n${output.join("")}`,
    );
  }

  step("app is up");
  project.provide("baseURL", baseURL);
  project.provide("persistTo", persistTo);
  return teardown;
}
