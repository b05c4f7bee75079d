// The server: `wrangler dev` on the bundled snapshot, started and stopped around each
// measurement (the proxy must not share the SQLite files with it).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { experimental_readRawConfig } from "wrangler";
import { buildDir, childEnv, persistTo, root, sleep, wranglerBin } from "./config";

let server: ChildProcess | undefined;
/** What the current wrangler dev printed, for the error message if something goes wrong. */
let serverOutput: string[] = [];

/** The end of what the current wrangler dev printed. */
export const serverOutputTail = (chars: number) => serverOutput.join("").slice(-chars);

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The process group is already gone.
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export async function stopServer() {
  const child = server;
  server = undefined;
  if (!child) return;
  if (isRunning(child)) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  // workerd may outlive the wrangler parent for a moment.
  killGroup(child, "SIGKILL");
}

process.once("exit", () => killGroup(server, "SIGKILL"));
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: stopping wrangler dev`);
    killGroup(server, "SIGKILL");
    process.exit(130);
  });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export function run(args: string[]) {
  const result = spawnSync(wranglerBin, args, { cwd: root, env: childEnv, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(
      `wrangler ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
}

/** The worker bundled once, with a config like wrangler.toml's that serves it unbundled and no assets. */
export function buildSnapshot(): string {
  rmSync(join(root, buildDir), { recursive: true, force: true });
  run(["deploy", "--dry-run", "--env", "dev", "--outdir", join(buildDir, "worker")]);
  mkdirSync(join(root, buildDir, "assets"), { recursive: true });
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") }) as {
    rawConfig: Record<string, unknown> & { assets?: Record<string, unknown> };
  };
  const config = { ...rawConfig, main: "worker/index.js", assets: { ...rawConfig.assets, directory: "assets" } };
  const path = join(root, buildDir, "wrangler.json");
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export async function startServer(configPath: string): Promise<string> {
  const port = await freePort();
  // With CI set, wrangler takes the default inspector port 9229 without probing: another
  // wrangler dev (e.g. the browser tests) would make this one fail to start.
  const inspectorPort = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  serverOutput = output;
  const args = ["dev", "-c", configPath, "--env", "dev", "--no-bundle", "--port", String(port), "--ip", "127.0.0.1"];
  args.push("--inspector-port", String(inspectorPort));
  const child = spawn(wranglerBin, [...args, "--persist-to", persistTo], {
    cwd: root,
    env: childEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && isRunning(child)) {
    try {
      const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return baseURL;
    } catch {
      // Not up yet.
    }
    await sleep(300);
  }
  await stopServer();
  throw new Error(`wrangler dev did not answer on ${baseURL}/api/health.\nwrangler output:\n${output.join("")}`);
}
