// `npm run network:create` against the local D1 of a running app, as after `npm start`:
// the network it makes is there at once, and its organiser can sign in.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { baseURL } from "./browser";

const root = fileURLToPath(new URL("../..", import.meta.url));

const networkCreate = (...args: string[]) =>
  spawnSync("npm", ["run", "-s", "network:create", "--", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NW_PERSIST_TO: inject("persistTo"), NO_COLOR: "1" },
  });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, baseURL()), {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL(), ...headers },
    body: JSON.stringify(body),
  });

describe("npm run network:create", () => {
  it("sets up a network in the running app's D1 and prints its slug; its organiser signs in", async () => {
    const created = networkCreate("--name", "Netzwerk Kinderschutz Rhein-Hunsrück", "--organiser", "Erste@RHK.example");
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe("netzwerk-kinderschutz-rhein-hunsrueck");
    expect(created.stderr).toContain("/anmelden");

    const networks = (await (await fetch(new URL("/api/networks", baseURL()))).json()) as {
      items: { slug: string; name: string }[];
    };
    expect(networks.items).toContainEqual(
      expect.objectContaining({
        slug: "netzwerk-kinderschutz-rhein-hunsrueck",
        name: "Netzwerk Kinderschutz Rhein-Hunsrück",
      }),
    );

    expect((await post("/api/auth/sign-in-links", { email: "erste@rhk.example" })).status).toBe(202);
    // The mail is written just after the answer.
    let token: string | undefined;
    await expect
      .poll(async () => {
        const mailbox = (await (await fetch(new URL("/api/dev/mailbox?to=erste@rhk.example", baseURL()))).json()) as {
          items: { text: string }[];
        };
        token = /#token=([A-Za-z0-9_-]+)/.exec(mailbox.items[0]?.text ?? "")?.[1];
        return token;
      })
      .toBeTruthy();
    const session = await post("/api/auth/sessions", { token });
    expect(session.status).toBe(201);
    const me = (await session.json()) as { roles: { role: string; network: { slug: string } }[] };
    expect(me.roles).toEqual([
      expect.objectContaining({
        role: "organiser",
        network: expect.objectContaining({ slug: "netzwerk-kinderschutz-rhein-hunsrueck" }),
      }),
    ]);
  });

  it("refuses a taken slug, a reserved slug and a missing address with a clear message and exit code 1", () => {
    const taken = networkCreate("--name", "Doppelt", "--organiser", "x@example.org", "--slug", "kinderschutzcluster-9");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('"kinderschutzcluster-9" is taken');
    const reserved = networkCreate("--name", "Betrieb", "--organiser", "x@example.org");
    expect(reserved.status).toBe(1);
    expect(reserved.stderr).toContain('"betrieb" is reserved');
    const noAddress = networkCreate("--name", "Ohne Adresse");
    expect(noAddress.status).toBe(1);
    expect(noAddress.stderr).toContain("--organiser");
  });
});
