import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, authed, json, newestMailTo, OTHER, seed, seedOtherNetwork, signIn, signInWithToken } from "../helpers";

const NET = "net-kc9";
const HEBAMMEN = "inst-hebammen-kh";

let organiser: string;
let hebammen: string;
let kita: string;

const institutionRow = async (id: string) =>
  env.DB.prepare("select * from institutions where id = ?").bind(id).first<Record<string, unknown>>();

const publicIds = async () =>
  (await json(await api(`/api/networks/${NET}/institutions`))).items.map((i: { id: string }) => i.id) as string[];

const problem = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = await json(res);
  expect(body.code).toBe(code);
  return body;
};

/** Every value written in this file that is personal or contact data: the audit log must contain none of them. */
const written = {
  institutionEmail: "postfach@testeinrichtung-nord.example",
  institutionPhone: "0671 000-4711",
  patchedEmail: "neues-postfach@testeinrichtung-nord.example",
  patchedPhone: "0671 000-4712",
  contactPhone: "0671 000-6199",
  personName: "Theodora Testperson",
  personEmail: "t.testperson@hebammennetzwerk-nahe.example",
  personPhone: "0671 000-6177",
  personFunction: "Familienhebamme in Ausbildung",
  personNewPhone: "0671 000-6178",
  inviteeEmail: "neue.ansprechperson@example.org",
  inviteeName: "Nele Neumann",
};

const newInstitution = {
  name: "Testeinrichtung Nord",
  sectorKey: "midwifery",
  municipalityId: "mun-bad-kreuznach",
  street: "Teststraße 1",
  postalCode: "55543",
  city: "Bad Kreuznach",
  email: written.institutionEmail,
  phone: written.institutionPhone,
  website: "https://testeinrichtung-nord.example",
  offers: "Beratung für Familien",
};

let createdId: string;

beforeAll(async () => {
  await seed();
  await seedOtherNetwork();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  hebammen = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
  kita = await signIn("k.wendelin@familienzentrum-kh.example");
});

describe("creating institutions (organisers)", () => {
  it("creates an institution that then appears in the public directory", async () => {
    const res = await authed(organiser, `/api/networks/${NET}/institutions`, { method: "POST", body: newInstitution });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({
      name: newInstitution.name,
      sectorKey: "midwifery",
      municipality: { id: "mun-bad-kreuznach", name: "Bad Kreuznach" },
      networkId: NET,
      email: written.institutionEmail,
      phone: written.institutionPhone,
      postalCode: "55543",
      leitbildSigned: false,
      leitbildSignedAt: null,
    });
    createdId = created.id;
    expect(await publicIds()).toContain(createdId);
    expect((await api(`/api/institutions/${createdId}`)).status).toBe(200);
  });

  it("also accepts the network's slug", async () => {
    const res = await authed(organiser, "/api/networks/kinderschutzcluster-9/institutions", {
      method: "POST",
      body: { name: "Testeinrichtung per Slug", sectorKey: "police", municipalityId: "mun-ludwigshafen" },
    });
    expect(res.status).toBe(201);
    expect((await json(res)).networkId).toBe(NET);
  });

  it("refuses a name the network already has (409 institution_name_taken)", async () => {
    const count = await env.DB.prepare("select count(*) as n from institutions").first<{ n: number }>();
    await problem(
      await authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { ...newInstitution, name: "Hebammennetzwerk Nahe – Familienhebammen" },
      }),
      409,
      "institution_name_taken",
    );
    expect(await env.DB.prepare("select count(*) as n from institutions").first<{ n: number }>()).toEqual(count);
  });

  it("refuses an unknown sector or a municipality of another network (422 reference_not_found)", async () => {
    await problem(
      await authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { ...newInstitution, name: "Mit falschem Bereich", sectorKey: "no_such_sector" },
      }),
      422,
      "reference_not_found",
    );
    await problem(
      await authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { ...newInstitution, name: "Mit fremder Kommune", municipalityId: OTHER.municipalityId },
      }),
      422,
      "reference_not_found",
    );
    await problem(
      await authed(organiser, `/api/institutions/${HEBAMMEN}`, {
        method: "PATCH",
        body: { municipalityId: OTHER.municipalityId },
      }),
      422,
      "reference_not_found",
    );
    expect((await institutionRow(HEBAMMEN))?.municipality_id).toBe("mun-bad-kreuznach");
    const names = (await json(await api(`/api/networks/${NET}/institutions`))).items.map(
      (i: { name: string }) => i.name,
    );
    expect(names).not.toContain("Mit falschem Bereich");
    expect(names).not.toContain("Mit fremder Kommune");
  });

  it("refuses an invalid e-mail, website and postal code with field errors", async () => {
    const body = await problem(
      await authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: {
          ...newInstitution,
          name: "Mit Tippfehlern",
          email: "keine-adresse",
          website: "javascript:alert(1)",
          postalCode: "5554",
        },
      }),
      400,
      "validation_failed",
    );
    expect(body.title).toBe("Eingaben unvollständig oder ungültig");
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "postalCode", "website"]);
    for (const error of body.errors) expect(error.message).toEqual(expect.any(String));

    const patch = await problem(
      await authed(organiser, `/api/institutions/${HEBAMMEN}`, {
        method: "PATCH",
        body: { website: "ftp://example.org", postalCode: "ABCDE" },
      }),
      400,
      "validation_failed",
    );
    expect(patch.errors.map((e: { path: string }) => e.path).sort()).toEqual(["postalCode", "website"]);
  });

  it("refuses a missing name and unknown fields in a PATCH", async () => {
    const missing = await problem(
      await authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { sectorKey: "police", municipalityId: "mun-bad-kreuznach" },
      }),
      400,
      "validation_failed",
    );
    expect(missing.errors.map((e: { path: string }) => e.path)).toContain("name");
    await problem(
      await authed(organiser, `/api/institutions/${HEBAMMEN}`, { method: "PATCH", body: { archivedAt: null } }),
      400,
      "validation_failed",
    );
  });

  it("refuses institution contacts and organisers of other networks", async () => {
    await problem(
      await authed(hebammen, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { ...newInstitution, name: "Von einer Ansprechperson" },
      }),
      403,
      "forbidden",
    );
    const other = await signIn(OTHER.organiserEmail);
    await problem(
      await authed(other, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { ...newInstitution, name: "Von fremder Koordination" },
      }),
      403,
      "forbidden",
    );
    await problem(
      await api(`/api/networks/${NET}/institutions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...newInstitution, name: "Anonym" }),
      }),
      401,
      "unauthenticated",
    );
  });
});

describe("editing institutions", () => {
  it("lets the organiser change every field", async () => {
    const change = {
      name: "Testeinrichtung Nord (umbenannt)",
      sectorKey: "health_office",
      municipalityId: "mun-mainz-bingen",
      street: "Neue Straße 2",
      postalCode: "55218",
      city: "Ingelheim",
      email: written.patchedEmail,
      phone: written.patchedPhone,
      website: "https://neu.testeinrichtung-nord.example",
      reachability: "Mo–Fr 8–12 Uhr",
      offers: "Neue Angebote",
      targetGroups: "Familien",
    };
    const res = await authed(organiser, `/api/institutions/${createdId}`, { method: "PATCH", body: change });
    expect(res.status).toBe(200);
    const updated = await json(res);
    const { municipalityId, ...rest } = change;
    expect(updated).toMatchObject({ ...rest, municipality: { id: municipalityId, name: "Landkreis Mainz-Bingen" } });
    expect(updated.updatedAt).not.toBeNull();
    expect(await json(await api(`/api/institutions/${createdId}`))).toMatchObject(rest);
  });

  it("lets the institution's contact change the profile fields", async () => {
    const res = await authed(hebammen, `/api/institutions/${HEBAMMEN}`, {
      method: "PATCH",
      body: { phone: written.contactPhone, reachability: "Neue Sprechzeiten", website: "" },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      phone: written.contactPhone,
      reachability: "Neue Sprechzeiten",
      website: "",
    });
  });

  it("refuses the contact organiser-only fields (403 forbidden_field) and changes nothing", async () => {
    const before = await institutionRow(HEBAMMEN);
    for (const body of [
      { name: "Umbenannt durch Ansprechperson" },
      { sectorKey: "police" },
      { municipalityId: "mun-ludwigshafen" },
      { phone: "0671 000-0000", name: "Umbenannt durch Ansprechperson" },
    ]) {
      const error = await problem(
        await authed(hebammen, `/api/institutions/${HEBAMMEN}`, { method: "PATCH", body }),
        403,
        "forbidden_field",
      );
      const organiserOnly = Object.keys(body).filter((k) => k !== "phone");
      expect(error.errors.map((e: { path: string }) => e.path)).toEqual(organiserOnly);
    }
    expect(await institutionRow(HEBAMMEN)).toEqual(before);
  });

  it("refuses a contact editing another institution (403)", async () => {
    const before = await institutionRow(HEBAMMEN);
    await problem(
      await authed(kita, `/api/institutions/${HEBAMMEN}`, { method: "PATCH", body: { phone: "0000" } }),
      403,
      "forbidden",
    );
    await problem(
      await authed(kita, `/api/institutions/${HEBAMMEN}/leitbild`, {
        method: "PUT",
        body: { signedAt: "2026-01-01", signedBy: "Fremde" },
      }),
      403,
      "forbidden",
    );
    expect(await institutionRow(HEBAMMEN)).toEqual(before);
  });

  it("answers 404 for an unknown institution", async () => {
    await problem(
      await authed(organiser, "/api/institutions/inst-gibt-es-nicht", { method: "PATCH", body: { phone: "1" } }),
      404,
      "institution_not_found",
    );
  });

  it("records the Leitbild signature with date and signer", async () => {
    const res = await authed(hebammen, `/api/institutions/${HEBAMMEN}/leitbild`, {
      method: "PUT",
      body: { signedAt: "2026-03-12", signedBy: "Leitung" },
    });
    expect(res.status).toBe(200);
    const profile = await json(res);
    expect(profile.leitbildSigned).toBe(true);
    expect(profile.leitbildSignedAt?.slice(0, 10)).toBe("2026-03-12");
    const row = await institutionRow(HEBAMMEN);
    expect(row?.leitbild_signed_by).toBe("Leitung");
    expect(new Date(row?.leitbild_signed_at as number).toISOString().slice(0, 10)).toBe("2026-03-12");

    await problem(
      await authed(hebammen, `/api/institutions/${HEBAMMEN}/leitbild`, {
        method: "PUT",
        body: { signedAt: "12.03.2026", signedBy: "Leitung" },
      }),
      400,
      "validation_failed",
    );
  });
});

describe("archiving (organisers)", () => {
  let archiveId: string;

  beforeAll(async () => {
    const res = await authed(organiser, `/api/networks/${NET}/institutions`, {
      method: "POST",
      body: { name: "Testeinrichtung zum Archivieren", sectorKey: "police", municipalityId: "mun-bad-kreuznach" },
    });
    archiveId = (await json(res)).id;
  });

  it("refuses contacts", async () => {
    await problem(
      await authed(hebammen, `/api/institutions/${HEBAMMEN}/archive`, { method: "POST" }),
      403,
      "forbidden",
    );
    expect((await institutionRow(HEBAMMEN))?.archived_at).toBeNull();
  });

  it("removes the institution from the public directory; further edits are refused with 409", async () => {
    expect(await publicIds()).toContain(archiveId);
    const res = await authed(organiser, `/api/institutions/${archiveId}/archive`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await publicIds()).not.toContain(archiveId);
    // Archiving again changes nothing.
    expect((await authed(organiser, `/api/institutions/${archiveId}/archive`, { method: "POST" })).status).toBe(200);

    await problem(
      await authed(organiser, `/api/institutions/${archiveId}`, { method: "PATCH", body: { phone: "0671 000-1" } }),
      409,
      "institution_archived",
    );
    await problem(
      await authed(organiser, `/api/institutions/${archiveId}/leitbild`, {
        method: "PUT",
        body: { signedAt: "2026-03-12", signedBy: "Leitung" },
      }),
      409,
      "institution_archived",
    );
    await problem(
      await authed(organiser, `/api/institutions/${archiveId}/contact-persons`, {
        method: "POST",
        body: { name: "Zu spät", email: "zu.spaet@example.org" },
      }),
      409,
      "institution_archived",
    );
    await problem(
      await authed(organiser, `/api/institutions/${archiveId}/contacts`, {
        method: "POST",
        body: { email: "zu.spaet@example.org" },
      }),
      409,
      "institution_archived",
    );
    expect((await institutionRow(archiveId))?.phone).toBe("");
  });
});

describe("contact persons", () => {
  let personId: string;

  it("are not visible anonymously (401) nor to other institutions' contacts (403)", async () => {
    await problem(await api(`/api/institutions/${HEBAMMEN}/contact-persons`), 401, "unauthenticated");
    await problem(await authed(kita, `/api/institutions/${HEBAMMEN}/contact-persons`), 403, "forbidden");
  });

  it("are listed for the institution's contact and the organiser", async () => {
    for (const cookie of [hebammen, organiser]) {
      const res = await authed(cookie, `/api/institutions/${HEBAMMEN}/contact-persons`);
      expect(res.status).toBe(200);
      const { items } = await json(res);
      expect(items.map((p: { id: string }) => p.id).sort()).toEqual(["cp-hebammen-kh-1", "cp-hebammen-kh-2"]);
      expect(items.every((p: { institutionId: string }) => p.institutionId === HEBAMMEN)).toBe(true);
    }
  });

  it("can be added, changed and removed by the institution's contact", async () => {
    const created = await authed(hebammen, `/api/institutions/${HEBAMMEN}/contact-persons`, {
      method: "POST",
      body: {
        name: written.personName,
        function: written.personFunction,
        email: written.personEmail.toUpperCase(),
        phone: written.personPhone,
        isPrimary: true,
      },
    });
    expect(created.status).toBe(201);
    const person = await json(created);
    expect(person).toMatchObject({
      institutionId: HEBAMMEN,
      name: written.personName,
      function: written.personFunction,
      email: written.personEmail,
      phone: written.personPhone,
      isPrimary: true,
    });
    personId = person.id;

    // Only what is sent changes: absent fields keep their values (no defaults applied).
    const changed = await authed(hebammen, `/api/contact-persons/${personId}`, {
      method: "PATCH",
      body: { phone: written.personNewPhone },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({
      name: written.personName,
      function: written.personFunction,
      phone: written.personNewPhone,
      isPrimary: true,
    });

    await problem(
      await authed(hebammen, `/api/contact-persons/${personId}`, { method: "PATCH", body: { email: "kaputt" } }),
      400,
      "validation_failed",
    );
    await problem(
      await authed(kita, `/api/contact-persons/${personId}`, { method: "PATCH", body: { phone: "1" } }),
      403,
      "forbidden",
    );
    await problem(await authed(kita, `/api/contact-persons/${personId}`, { method: "DELETE" }), 403, "forbidden");
    await problem(
      await authed(hebammen, "/api/contact-persons/cp-gibt-es-nicht", { method: "PATCH", body: { phone: "1" } }),
      404,
      "contact_person_not_found",
    );

    const removed = await authed(hebammen, `/api/contact-persons/${personId}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({ status: "deleted" });
    const { items } = await json(await authed(hebammen, `/api/institutions/${HEBAMMEN}/contact-persons`));
    expect(items.map((p: { id: string }) => p.id)).not.toContain(personId);
    expect(await env.DB.prepare("select * from contact_persons where id = ?").bind(personId).first()).toBeNull();
  });

  it("a contact cannot add contact persons to another institution", async () => {
    await problem(
      await authed(kita, `/api/institutions/${HEBAMMEN}/contact-persons`, {
        method: "POST",
        body: { name: "Eingeschleust", email: "eingeschleust@example.org" },
      }),
      403,
      "forbidden",
    );
  });
});

describe("inviting institution contacts (organisers)", () => {
  it("refuses contacts inviting", async () => {
    await problem(
      await authed(hebammen, `/api/institutions/${HEBAMMEN}/contacts`, {
        method: "POST",
        body: { email: "kollegin@example.org" },
      }),
      403,
      "forbidden",
    );
    expect(await env.DB.prepare("select * from accounts where email = 'kollegin@example.org'").first()).toBeNull();
  });

  it("creates account and role and mails a link with which the invitee signs in and edits the institution", async () => {
    const res = await authed(organiser, `/api/institutions/${createdId}/contacts`, {
      method: "POST",
      body: { email: "Neue.Ansprechperson@Example.org", displayName: written.inviteeName },
    });
    expect(res.status).toBe(201);
    const invited = await json(res);
    expect(invited).toMatchObject({
      email: written.inviteeEmail,
      displayName: written.inviteeName,
      lastSignInAt: null,
    });

    const role = await env.DB.prepare("select * from roles where account_id = ? and institution_id = ?")
      .bind(invited.accountId, createdId)
      .first<Record<string, unknown>>();
    expect(role).toMatchObject({ role: "institution_contact", network_id: NET });

    const listed = await json(await authed(organiser, `/api/institutions/${createdId}/contacts`));
    expect(listed.items.map((c: { accountId: string }) => c.accountId)).toContain(invited.accountId);

    const mail = await newestMailTo(written.inviteeEmail);
    expect(mail?.template).toBe("contact_invitation");
    expect(mail?.subject).toContain("Kinderschutzcluster 9");
    expect(mail?.text).toContain("Testeinrichtung Nord");
    expect(mail?.token).toBeTruthy();

    const cookie = await signInWithToken(mail!.token!);
    const me = await json(await authed(cookie, "/api/auth/me"));
    expect(me.roles).toEqual([
      expect.objectContaining({ role: "institution_contact", institution: expect.objectContaining({ id: createdId }) }),
    ]);

    const edit = await authed(cookie, `/api/institutions/${createdId}`, {
      method: "PATCH",
      body: { reachability: "Nach Vereinbarung" },
    });
    expect(edit.status).toBe(200);
    expect((await json(edit)).reachability).toBe("Nach Vereinbarung");
    await problem(
      await authed(cookie, `/api/institutions/${HEBAMMEN}`, { method: "PATCH", body: { reachability: "x" } }),
      403,
      "forbidden",
    );
    // The invitation link is single use.
    await problem(
      await api("/api/auth/sessions", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ token: mail!.token }),
      }),
      400,
      "sign_in_link_invalid",
    );
  });

  it("withdrawing the role ends the contact's rights", async () => {
    const [account] = (
      await env.DB.prepare("select id from accounts where email = ?").bind(written.inviteeEmail).all<{ id: string }>()
    ).results;
    const res = await authed(organiser, `/api/institutions/${createdId}/contacts/${account.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(
      await env.DB.prepare("select * from roles where account_id = ? and institution_id = ?")
        .bind(account.id, createdId)
        .first(),
    ).toBeNull();
  });
});

describe("audit log", () => {
  it("is for the network's organisers only", async () => {
    await problem(await api(`/api/networks/${NET}/audit-log`), 401, "unauthenticated");
    await problem(await authed(hebammen, `/api/networks/${NET}/audit-log`), 403, "forbidden");
    const other = await signIn(OTHER.contactEmail);
    await problem(await authed(other, `/api/networks/${NET}/audit-log`), 403, "forbidden");
  });

  it("has an entry for each change, with field names but never values", async () => {
    const res = await authed(organiser, `/api/networks/${NET}/audit-log`);
    expect(res.status).toBe(200);
    const { items } = await json(res);
    const actions = items.map((e: { action: string }) => e.action);
    for (const action of [
      "institution.created",
      "institution.updated",
      "institution.archived",
      "institution.leitbild_signed",
      "contact_person.created",
      "contact_person.updated",
      "contact_person.deleted",
      "institution_contact.invited",
      "institution_contact.removed",
    ])
      expect(actions, action).toContain(action);

    const created = items.find(
      (e: { action: string; entityId: string }) => e.action === "institution.created" && e.entityId === createdId,
    );
    expect(created).toMatchObject({ entityType: "institution", actor: { id: "acc-organiser" } });
    expect(created.fields).toEqual(expect.arrayContaining(["name", "email", "phone"]));

    const contactEdit = items.find(
      (e: { action: string; entityId: string; actor: { id: string } }) =>
        e.action === "institution.updated" && e.entityId === HEBAMMEN && e.actor?.id === "acc-contact-hebammen",
    );
    expect(contactEdit.fields.sort()).toEqual(["phone", "reachability", "website"]);

    const personUpdate = items.find((e: { action: string }) => e.action === "contact_person.updated");
    expect(personUpdate).toMatchObject({ entityType: "contact_person", fields: ["phone"] });

    const leitbild = items.find((e: { action: string }) => e.action === "institution.leitbild_signed");
    expect(leitbild.fields).toEqual(["leitbildSignedAt", "leitbildSignedBy"]);

    // Refused attempts leave no entry.
    expect(items.some((e: { actor: { id: string } | null }) => e.actor?.id === "acc-contact-kita")).toBe(false);

    const text = JSON.stringify(items);
    // The invitee's display name may appear, as the actor of the invitee's own edit ("who"), never as a value.
    const { inviteeName, ...values } = written;
    for (const value of Object.values(values)) expect(text, value).not.toContain(value);
    expect(
      items.filter((e: { actor: { displayName: string } | null }) => e.actor?.displayName === inviteeName).length,
    ).toBe(text.split(inviteeName).length - 1);
    expect(text.toLowerCase()).not.toContain(written.inviteeEmail);
    // Audit entries of other networks stay there.
    expect(items.every((e: { entityId: string | null }) => e.entityId !== OTHER.institutionId)).toBe(true);
  });

  it("stores no values in the database either", async () => {
    const rows = await env.DB.prepare("select * from audit_log").all();
    const text = JSON.stringify(rows.results);
    for (const value of Object.values(written)) expect(text, value).not.toContain(value);
  });
});
