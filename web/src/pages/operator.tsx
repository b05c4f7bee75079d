import { A, action, createAsync, query, revalidate, useAction, useSubmission } from "@solidjs/router";
import { createSignal, For, type JSX, Show } from "solid-js";
import { slugFromName, slugProblem } from "../../../worker/domain/networks";
import { InlineConfirm } from "../components/inline-confirm";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, client, read } from "../lib/api";
import { useMe } from "../lib/session";
import "./operator.css";
import "../i18n/organisers";

// The operators' page: the networks of the installation, with figures only.
const getOperatorNetworks = query(() => read(client.operator.networks.$get()), "operator-networks");

type NewNetwork = { name: string; slug?: string; organiserEmail: string };

const createNetwork = action(
  (input: NewNetwork) => read(client.operator.networks.$post({ json: input })),
  "operator-create-network",
);

function NetworkList() {
  const { t, formatDate } = useI18n();
  const networks = createAsync(() => getOperatorNetworks());
  const [confirming, setConfirming] = createSignal<string>();
  const [notice, setNotice] = createSignal("");
  const setStatus = async (n: { id: string; name: string }, suspend: boolean) => {
    const param = { param: { networkId: n.id } };
    const suspension = client.operator.networks[":networkId"].suspension;
    await read(suspend ? suspension.$post(param) : suspension.$delete(param));
    await revalidate(getOperatorNetworks.key);
    setConfirming();
    setNotice(t(suspend ? "operator.suspendedNotice" : "operator.reactivatedNotice", { name: n.name }));
    document.getElementById(`network-${n.id}`)?.focus();
  };
  return (
    <section aria-labelledby="networks-title">
      <h2 id="networks-title">{t("operator.networks")}</h2>
      <div role="status" class="form-status">
        <Show when={notice()}>
          <p class="notice notice-ok">{notice()}</p>
        </Show>
      </div>
      <Show when={networks()}>
        {(list) => (
          <Show when={list().items.length > 0} fallback={<p>{t("operator.empty")}</p>}>
            <ul class="plain-list operator-networks">
              <For each={list().items}>
                {(n) => (
                  <li class="card">
                    <h3 id={`network-${n.id}`} tabindex="-1">
                      {n.name}{" "}
                      <span class={n.status === "active" ? "badge badge-positive" : "badge badge-cancelled"}>
                        {t(n.status === "active" ? "operator.active" : "operator.suspended")}
                      </span>
                    </h3>
                    <dl class="operator-facts">
                      <div>
                        <dt>{t("operator.slug")}</dt>
                        <dd>
                          <code>{n.slug}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>{t("operator.created")}</dt>
                        <dd>{formatDate(n.createdAt)}</dd>
                      </div>
                      <div>
                        <dt>{t("operator.organisers")}</dt>
                        <dd>{n.organisers}</dd>
                      </div>
                      <div>
                        <dt>{t("operator.institutions")}</dt>
                        <dd>{n.institutions}</dd>
                      </div>
                      <div>
                        <dt>{t("operator.events")}</dt>
                        <dd>{n.events}</dd>
                      </div>
                    </dl>
                    <Show
                      when={confirming() === n.id}
                      fallback={
                        <button
                          type="button"
                          class={n.status === "active" ? "button button-secondary" : "button"}
                          aria-label={`${t(n.status === "active" ? "operator.suspend" : "operator.reactivate")}: ${n.name}`}
                          onClick={() => {
                            setNotice("");
                            setConfirming(n.id);
                          }}
                        >
                          {t(n.status === "active" ? "operator.suspend" : "operator.reactivate")}
                        </button>
                      }
                    >
                      <InlineConfirm
                        id={`confirm-${n.id}`}
                        danger={n.status === "active"}
                        question={t(
                          n.status === "active" ? "operator.suspendQuestion" : "operator.reactivateQuestion",
                          { name: n.name },
                        )}
                        text={t(n.status === "active" ? "operator.suspendText" : "operator.reactivateText")}
                        yes={t(n.status === "active" ? "operator.suspend" : "operator.reactivate")}
                        no={t("operator.keep")}
                        onConfirm={() => setStatus(n, n.status === "active")}
                        onKeep={() => setConfirming()}
                      />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => JSX.Element;
}) {
  const describedBy = () =>
    [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="field-hint">
          {props.hint}
        </p>
      </Show>
      {props.children(describedBy())}
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

function CreateForm() {
  const { t } = useI18n();
  const create = useAction(createNetwork);
  const submission = useSubmission(createNetwork);
  const [name, setName] = createSignal("");
  const [slug, setSlug] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [errors, setErrors] = createSignal<{ name?: string; slug?: string; email?: string }>({});
  const [done, setDone] = createSignal("");
  const suggestion = () => slugFromName(name());
  const slugError = (s: string) => {
    const problem = slugProblem(s);
    return problem === "reserved"
      ? t("operator.errors.slugReserved")
      : problem === "invalid"
        ? t("operator.errors.slugInvalid")
        : undefined;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (submission.pending) return;
    setDone("");
    const chosen = slug().trim() || suggestion();
    const found = {
      name: name().trim() ? undefined : t("operator.errors.name"),
      slug: name().trim() ? slugError(chosen) : undefined,
      email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email().trim()) ? undefined : t("operator.errors.email"),
    };
    setErrors(found);
    const first = found.name ? "network-name" : found.slug ? "network-slug" : found.email ? "network-organiser" : "";
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    try {
      const created = await create({ name: name().trim(), slug: chosen, organiserEmail: email().trim() });
      setDone(t("operator.createdNotice", { name: created.name, slug: created.slug, email: email().trim() }));
      setName("");
      setSlug("");
      setEmail("");
    } catch (err) {
      if (err instanceof ApiProblem && err.code.startsWith("network_slug_")) {
        setErrors({ slug: err.message });
        document.getElementById("network-slug")?.focus();
      }
    }
  };

  return (
    <section aria-labelledby="create-title" class="card operator-create">
      <h2 id="create-title">{t("operator.create")}</h2>
      <p>{t("operator.createIntro")}</p>
      <form class="form" onSubmit={submit} novalidate>
        <Field id="network-name" label={t("operator.nameLabel")} error={errors().name}>
          {(describedBy) => (
            <input
              id="network-name"
              type="text"
              maxlength="200"
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
              aria-invalid={errors().name ? "true" : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id="network-slug"
          label={t("operator.slugLabel")}
          hint={suggestion() ? t("operator.slugHint", { slug: suggestion() }) : t("operator.slugHintEmpty")}
          error={errors().slug}
        >
          {(describedBy) => (
            <input
              id="network-slug"
              type="text"
              maxlength="60"
              autocapitalize="none"
              spellcheck={false}
              placeholder={suggestion()}
              value={slug()}
              onInput={(e) => setSlug(e.currentTarget.value)}
              aria-invalid={errors().slug ? "true" : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id="network-organiser" label={t("operator.organiserLabel")} error={errors().email}>
          {(describedBy) => (
            <input
              id="network-organiser"
              type="email"
              autocomplete="off"
              maxlength="254"
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
              aria-invalid={errors().email ? "true" : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="button" aria-disabled={submission.pending ? "true" : undefined}>
            {t("operator.submit")}
          </button>
        </div>
        <div role="status" class="form-status">
          <Show when={done()}>
            <p class="notice notice-ok">{done()}</p>
          </Show>
        </div>
        <div role="alert" class="form-status">
          <Show when={submission.error && !(errors().slug && submission.error instanceof ApiProblem)}>
            <p class="notice notice-error">
              {submission.error instanceof ApiProblem ? submission.error.message : t("app.loadError")}
            </p>
          </Show>
        </div>
      </form>
    </section>
  );
}

export default function OperatorPage() {
  const { t } = useI18n();
  const { me } = useMe();
  usePageTitle(() => t("operator.title"));
  return (
    <>
      <h1>{t("operator.title")}</h1>
      <p class="lead">{t("operator.intro")}</p>
      <Show when={me() !== undefined}>
        <Show
          when={me()}
          fallback={
            <section class="narrow">
              <p>{t("operator.signInFirst")}</p>
              <A class="button" href="/anmelden">
                {t("nav.signIn")}
              </A>
            </section>
          }
        >
          {(account) => (
            <Show when={account().operator} fallback={<p class="notice notice-warning">{t("operator.notAllowed")}</p>}>
              <CreateForm />
              <NetworkList />
            </Show>
          )}
        </Show>
      </Show>
    </>
  );
}
