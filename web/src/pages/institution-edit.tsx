import { A, createAsync, revalidate, useNavigate, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { InstitutionForm } from "../components/institution-form";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import {
  ApiProblem,
  api,
  getContactPersons,
  getContacts,
  getInstitution,
  getNetwork,
  searchInstitutions,
} from "../lib/api";
import { isoToBerlin } from "../lib/berlin-time";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";
import "../i18n/organisers";

export default function InstitutionEditPage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ institutionId: string }>();
  const navigate = useNavigate();
  const institution = createAsync(() => getInstitution(params.institutionId));
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  const { me, isOrganiserOf, isContactOf } = useMe();
  const organiser = () => isOrganiserOf(institution()?.networkId);
  const allowed = () => organiser() || isContactOf(institution()?.id);
  // Contact persons are personal data: only asked for by those allowed to see them.
  const persons = createAsync(async () => (allowed() ? getContactPersons(params.institutionId) : undefined));
  const contacts = createAsync(async () => (allowed() ? getContacts(params.institutionId) : undefined));
  usePageTitle(() => (institution() ? `${t("edit.title")}: ${institution()!.name}` : t("edit.title")));

  const noPerson = { name: "", function: "", email: "", phone: "" };
  const [person, setPerson] = createSignal(noPerson);
  // The contact person being changed; undefined: the form adds a new one.
  const [editing, setEditing] = createSignal<string>();
  const [invite, setInvite] = createSignal({ email: "", displayName: "" });
  // The stored signing date stands until the organiser types another; today only when none is stored.
  const [leitbildDate, setLeitbildDate] = createSignal<string>();
  const [leitbildBy, setLeitbildBy] = createSignal("");
  const leitbild = () => ({
    signedAt:
      leitbildDate() ??
      (institution()?.leitbildSignedAt
        ? isoToBerlin(institution()!.leitbildSignedAt!).date
        : isoToBerlin(new Date().toISOString()).date),
    signedBy: leitbildBy(),
  });
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();

  const run = async (action: () => Promise<unknown>, ok: string, keys: string[]) => {
    setNotice();
    try {
      await action();
      await revalidate(keys);
      setNotice({ kind: "ok", text: ok });
      return true;
    } catch (err) {
      setNotice({ kind: "error", text: err instanceof ApiProblem ? err.message : t("app.loadError") });
      return false;
    }
  };

  return (
    <>
      <p class="back">
        <A href={to(`/verzeichnis/${params.institutionId}`)}>← {t("edit.backToProfile")}</A>
      </p>
      <Show when={institution() && me() !== undefined}>
        <Show when={allowed()} fallback={<p class="notice notice-error">{t("edit.notAllowed")}</p>}>
          <h1>
            {t("edit.title")}: {institution()!.name}
          </h1>
          <Show when={notice()}>
            {(n) => (
              <p
                class={n().kind === "ok" ? "notice" : "notice notice-error"}
                role={n().kind === "ok" ? "status" : "alert"}
              >
                {n().text}
              </p>
            )}
          </Show>
          <section aria-labelledby="profile-title">
            <h2 id="profile-title">{t("edit.profile")}</h2>
            <InstitutionForm
              initial={{ ...institution()!, municipalityId: institution()!.municipality.id }}
              organiser={organiser()}
              municipalities={network()?.municipalities ?? []}
              submitLabel={t("edit.save")}
              onSubmit={async (values) => {
                await api.updateInstitution(params.institutionId, values);
                await revalidate([getInstitution.key, searchInstitutions.key]);
              }}
            />
          </section>

          <section aria-labelledby="leitbild-title" class="card">
            <h2 id="leitbild-title">{t("institution.leitbild")}</h2>
            <form
              class="form-grid"
              onSubmit={(e) => {
                e.preventDefault();
                run(() => api.signLeitbild(params.institutionId, leitbild()), t("edit.saved"), [getInstitution.key]);
              }}
            >
              <div class="field">
                <label for="leitbild-date">{t("edit.leitbildDate")}</label>
                <input
                  id="leitbild-date"
                  type="date"
                  required
                  value={leitbild().signedAt}
                  onInput={(e) => setLeitbildDate(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="leitbild-by">{t("edit.leitbildBy")}</label>
                <input
                  id="leitbild-by"
                  required
                  value={leitbild().signedBy}
                  onInput={(e) => setLeitbildBy(e.currentTarget.value)}
                />
              </div>
              <div class="field field-action">
                <button type="submit" class="button">
                  {t("edit.recordLeitbild")}
                </button>
              </div>
            </form>
          </section>

          <section aria-labelledby="persons-title" class="card">
            <h2 id="persons-title">{t("edit.contactPersons")}</h2>
            <ul class="plain-list">
              <For each={persons()?.items ?? []}>
                {(p) => (
                  <li class="session-row">
                    <span>
                      <strong>{p.name}</strong>
                      {p.function && ` · ${p.function}`}
                      <br />
                      <span class="muted">
                        {p.email}
                        {p.phone && ` · ${p.phone}`}
                      </span>
                    </span>
                    <span class="row-buttons">
                      <button
                        type="button"
                        class="button button-secondary"
                        aria-label={t("edit.editPerson", { name: p.name })}
                        onClick={() => {
                          setEditing(p.id);
                          setPerson({ name: p.name, function: p.function, email: p.email, phone: p.phone });
                          document.getElementById("person-name")?.focus();
                        }}
                      >
                        {t("edit.change")}
                      </button>
                      <button
                        type="button"
                        class="button button-secondary"
                        aria-label={t("edit.removePerson", { name: p.name })}
                        onClick={() =>
                          run(() => api.removeContactPerson(p.id), t("edit.saved"), [getContactPersons.key])
                        }
                      >
                        {t("edit.remove")}
                      </button>
                    </span>
                  </li>
                )}
              </For>
            </ul>
            <form
              class="form-grid"
              onSubmit={async (e) => {
                e.preventDefault();
                const id = editing();
                const save = id
                  ? () => api.updateContactPerson(id, person())
                  : () => api.addContactPerson(params.institutionId, person());
                if (await run(save, t("edit.saved"), [getContactPersons.key])) {
                  setPerson(noPerson);
                  setEditing();
                }
              }}
            >
              <For each={["name", "function", "email", "phone"] as const}>
                {(key) => (
                  <div class="field">
                    <label for={`person-${key}`}>{t(`edit.person.${key}`)}</label>
                    <input
                      id={`person-${key}`}
                      type={key === "email" ? "email" : key === "phone" ? "tel" : "text"}
                      required={key === "name" || key === "email"}
                      value={person()[key]}
                      onInput={(e) => setPerson({ ...person(), [key]: e.currentTarget.value })}
                    />
                  </div>
                )}
              </For>
              <div class="field field-action">
                <button type="submit" class="button">
                  {editing() ? t("edit.savePerson") : t("edit.addPerson")}
                </button>
                <Show when={editing()}>
                  <button
                    type="button"
                    class="button button-secondary"
                    onClick={() => {
                      setEditing();
                      setPerson(noPerson);
                    }}
                  >
                    {t("edit.cancelChange")}
                  </button>
                </Show>
              </div>
            </form>
          </section>

          <section aria-labelledby="contacts-title" class="card">
            <h2 id="contacts-title">{t("edit.contacts")}</h2>
            <p class="hint">{t("edit.contactsHint")}</p>
            <ul class="plain-list">
              <For each={contacts()?.items ?? []}>
                {(a) => (
                  <li>
                    {a.displayName || a.email} <span class="muted">({a.email})</span>
                  </li>
                )}
              </For>
            </ul>
            <Show when={organiser()}>
              <form
                class="form-grid"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (
                    await run(() => api.inviteContact(params.institutionId, invite()), t("edit.invited"), [
                      getContacts.key,
                    ])
                  )
                    setInvite({ email: "", displayName: "" });
                }}
              >
                <div class="field">
                  <label for="invite-email">{t("edit.person.email")}</label>
                  <input
                    id="invite-email"
                    type="email"
                    required
                    value={invite().email}
                    onInput={(e) => setInvite({ ...invite(), email: e.currentTarget.value })}
                  />
                </div>
                <div class="field">
                  <label for="invite-name">{t("edit.person.name")}</label>
                  <input
                    id="invite-name"
                    value={invite().displayName}
                    onInput={(e) => setInvite({ ...invite(), displayName: e.currentTarget.value })}
                  />
                </div>
                <div class="field field-action">
                  <button type="submit" class="button">
                    {t("edit.invite")}
                  </button>
                </div>
              </form>
            </Show>
          </section>

          <Show when={organiser()}>
            <section aria-labelledby="archive-title" class="card danger-zone">
              <h2 id="archive-title">{t("edit.archiveTitle")}</h2>
              <p>{t("edit.archiveText")}</p>
              <button
                type="button"
                class="button button-danger"
                onClick={async () => {
                  if (!confirm(t("edit.archiveConfirm"))) return;
                  if (
                    await run(() => api.archiveInstitution(params.institutionId), t("edit.saved"), [
                      searchInstitutions.key,
                    ])
                  )
                    navigate(to("/verzeichnis"));
                }}
              >
                {t("edit.archive")}
              </button>
            </section>
          </Show>
        </Show>
      </Show>
    </>
  );
}
