// Across networks by way of a query or a body: a contact of another network's
// institution names its own institution while reading or writing an event of
// the demo network. It is refused as if the institution were unknown there (404),
// and nothing is written, least of all a row in the demo network's audit log.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

const EVENT = "evt-qe-werkstatt";
let otherContact: string;
let otherOrganiser: string;
let organiser: string;

const audit = async () =>
  (await env.DB.prepare("select * from audit_log order by id").all()).results.map((r) => JSON.stringify(r));
const registrationCount = async () =>
  (await env.DB.prepare("select count(*) as n from registrations").first<{ n: number }>())!.n;

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  otherContact = await signIn(OTHER.contactEmail);
  otherOrganiser = await signIn(OTHER.organiserEmail);
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
});

describe.each([
  ["the contact of another network's institution", () => otherContact],
  ["the organiser of another network", () => otherOrganiser],
  ["the demo network's organiser", () => organiser],
])("%s, naming another network's institution", (_who, cookieOf) => {
  it("reads no registrations of a demo event (404) and leaves no audit row", async () => {
    const before = await audit();
    const res = await authed(cookieOf(), `/api/events/${EVENT}/registrations?institutionId=${OTHER.institutionId}`);
    expect(res.status, await res.clone().text()).toBe(404);
    expect((await json(res)).code).toBe("institution_not_found");
    expect(await audit()).toEqual(before);
  });

  it("registers nobody for a demo event (404) and writes nothing", async () => {
    const [before, count] = [await audit(), await registrationCount()];
    const res = await authed(cookieOf(), `/api/events/${EVENT}/registrations`, {
      method: "POST",
      body: {
        institutionId: OTHER.institutionId,
        name: "Fremde Person",
        email: "fremde.person@example.org",
        privacyAcknowledged: true,
      },
    });
    expect(res.status, await res.clone().text()).toBe(404);
    expect((await json(res)).code).toBe("institution_not_found");
    expect(await audit()).toEqual(before);
    expect(await registrationCount()).toBe(count);
  });
});

describe("the control", () => {
  it("a contact reads its own institution's registrations, and that view is logged", async () => {
    const contact = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
    const before = (await audit()).length;
    const res = await authed(contact, `/api/events/${EVENT}/registrations?institutionId=inst-hebammen-kh`);
    expect(res.status).toBe(200);
    expect((await audit()).length).toBe(before + 1);
  });
});
