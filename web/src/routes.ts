import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";
import { getEvent, getEvents, getInstitution, getNetwork, getNetworks, getSectors } from "./lib/api";

const legacy = lazy(() => import("./pages/legacy-redirect"));

/** Warms a network page's network, if the address names one (an unknown slug is the not-found page). */
const networkOf = async (slug: string | undefined) => {
  const { items } = await getNetworks();
  return items.some((n) => n.slug === slug || n.id === slug) ? getNetwork(slug!) : undefined;
};

// URLs are German, like the interface: people share and bookmark them. Every page of a
// network starts with its slug (`/kinderschutzcluster-9/veranstaltungen`); the static paths
// below rank before it, and network slugs never take one of their names.
export const routes: RouteDefinition[] = [
  { path: "/", component: lazy(() => import("./pages/start")), preload: () => getNetworks() },
  // Participants answer here (from their page, the mail, or the QR code on a slide).
  { path: "/rueckmeldung/:formId", component: lazy(() => import("./pages/feedback-answer")) },
  { path: "/anmelden", component: lazy(() => import("./pages/sign-in")) },
  { path: "/anmelden/bestaetigen", component: lazy(() => import("./pages/sign-in-confirm")) },
  { path: "/konto", component: lazy(() => import("./pages/account")) },
  { path: "/teilnahme", component: lazy(() => import("./pages/participation")) },
  { path: "/dev/postfach", component: lazy(() => import("./pages/mailbox")) },
  { path: "/api-referenz", component: lazy(() => import("./pages/api-reference")) },
  // For the operators of the installation (OPERATOR_EMAILS).
  { path: "/betrieb", component: lazy(() => import("./pages/operator")) },
  // Addresses from before networks had their own (old mails, bookmarks): sent on to the right network.
  { path: ["/verzeichnis/*rest", "/veranstaltungen/*rest", "/datenschutz/*rest"], component: legacy },
  {
    path: "/:networkSlug",
    component: lazy(() => import("./components/network-scope")),
    children: [
      {
        path: "/",
        component: lazy(() => import("./pages/home")),
        preload: ({ params }) => networkOf(params.networkSlug),
      },
      {
        path: "/verzeichnis",
        component: lazy(() => import("./pages/directory")),
        preload: ({ params }) => {
          networkOf(params.networkSlug);
          getSectors();
        },
      },
      { path: "/verzeichnis/neu", component: lazy(() => import("./pages/institution-new")) },
      {
        path: "/verzeichnis/import",
        component: lazy(() => import("./pages/directory-import")),
        preload: ({ params }) => networkOf(params.networkSlug),
      },
      { path: "/verzeichnis/:institutionId/bearbeiten", component: lazy(() => import("./pages/institution-edit")) },
      {
        path: "/verzeichnis/:institutionId",
        component: lazy(() => import("./pages/institution")),
        preload: ({ params }) => {
          getInstitution(params.institutionId!);
          getSectors();
        },
      },
      {
        path: "/veranstaltungen",
        component: lazy(() => import("./pages/events")),
        preload: ({ params }) => networkOf(params.networkSlug).then((n) => n && getEvents(n.id)),
      },
      {
        path: "/veranstaltungen/:eventId/anmelden",
        component: lazy(() => import("./pages/event-registration")),
        preload: ({ params }) => {
          getEvent(params.eventId!);
          networkOf(params.networkSlug);
        },
      },
      // Organisers only: nothing is preloaded, so others never ask for a draft.
      { path: "/veranstaltungen/neu", component: lazy(() => import("./pages/event-new")) },
      { path: "/veranstaltungen/:eventId/bearbeiten", component: lazy(() => import("./pages/event-edit")) },
      { path: "/veranstaltungen/:eventId/platzvergabe", component: lazy(() => import("./pages/event-board")) },
      {
        path: "/veranstaltungen/:eventId/nachrichten",
        component: lazy(() => import("./pages/event-messages")),
        preload: ({ params }) => {
          getEvent(params.eventId!);
        },
      },
      { path: "/veranstaltungen/:eventId/anwesenheit", component: lazy(() => import("./pages/attendance")) },
      {
        path: "/veranstaltungen/:eventId/termine/:eventSessionId/einlass",
        component: lazy(() => import("./pages/check-in")),
      },
      { path: "/veranstaltungen/:eventId/rueckmeldungen", component: lazy(() => import("./pages/feedback-forms")) },
      {
        path: "/veranstaltungen/:eventId/rueckmeldungen/:formId",
        component: lazy(() => import("./pages/feedback-builder")),
      },
      {
        path: "/veranstaltungen/:eventId/rueckmeldungen/:formId/ergebnisse",
        component: lazy(() => import("./pages/feedback-results")),
      },
      // Organisers only, like the data-protection pages.
      { path: "/einstellungen", component: lazy(() => import("./pages/network-settings")) },
      // Data protection, for organisers.
      { path: "/datenschutz", component: lazy(() => import("./pages/data-protection")) },
      { path: "/datenschutz/hinweise", component: lazy(() => import("./pages/privacy-notice")) },
      { path: "/datenschutz/aufbewahrung", component: lazy(() => import("./pages/retention")) },
      { path: "/datenschutz/auskunft", component: lazy(() => import("./pages/data-requests")) },
      { path: "/datenschutz/protokoll", component: lazy(() => import("./pages/audit-log")) },
      { path: "**", component: lazy(() => import("./pages/not-found")) },
    ],
  },
  { path: "**", component: lazy(() => import("./pages/not-found")) },
];
