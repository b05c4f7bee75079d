import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { languageDetector } from "hono/language";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { csrfMiddleware, sessionMiddleware } from "./lib/auth";
import { CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY, STRICT_TRANSPORT_SECURITY } from "./lib/csp";
import { meterD1 } from "./lib/d1-meter";
import { notingWrittenMails } from "./lib/mail";
import { isLocalDevelopment } from "./lib/origin";
import { ApiError, problemResponse } from "./lib/problem";
import { securitySchemes } from "./lib/security";
import { attendance } from "./routes/attendance";
import { auditLog } from "./routes/audit-log";
import { auth } from "./routes/auth";
import { board } from "./routes/board";
import { contactPersons } from "./routes/contact-persons";
import { contacts } from "./routes/contacts";
import { dev } from "./routes/dev";
import { directoryImport } from "./routes/directory-import";
import { documents } from "./routes/documents";
import { events } from "./routes/events";
import { feedback } from "./routes/feedback";
import { feedbackAnswers } from "./routes/feedback-answers";
import { health } from "./routes/health";
import { institutions } from "./routes/institutions";
import { messagesRouter } from "./routes/messages";
import { networkSettings } from "./routes/network-settings";
import { networks } from "./routes/networks";
import { operatorRoutes } from "./routes/operator";
import { participation } from "./routes/participation";
import { privacy } from "./routes/privacy";
import { registrationChanges } from "./routes/registration-changes";
import { registrationsRouter } from "./routes/registrations";
import { sectors } from "./routes/sectors";

const app = new OpenAPIHono<AppEnv>();

app.use(
  "/api/*",
  requestId(),
  languageDetector({
    supportedLanguages: ["de", "en"],
    fallbackLanguage: "de",
    order: ["querystring", "header"],
    lookupQueryString: "lang",
    caches: false,
  }),
  // A route may set stricter or wider headers of its own (the public logo: its own CSP, and
  // a cross-origin resource policy so that mail clients may load it); they are kept.
  secureHeaders({ xFrameOptions: "DENY", strictTransportSecurity: STRICT_TRANSPORT_SECURITY, overwrite: false }),
  async (c, next) => {
    await next();
    if (!c.res.headers.has("content-security-policy"))
      c.res.headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    c.res.headers.set("permissions-policy", PERMISSIONS_POLICY);
    // Answers carry personal data (names, addresses, attendance): no browser or proxy may keep
    // them, unless a route deliberately says otherwise with its own Cache-Control.
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  },
  async (c, next) => {
    if (isLocalDevelopment(c.env, c.req.url)) meterD1(c.env.DB);
    c.set("db", createDb(c.env.DB));
    await notingWrittenMails(next);
  },
  sessionMiddleware,
  csrfMiddleware,
);

for (const [name, scheme] of Object.entries(securitySchemes))
  app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);

const routes = app
  .route("/api", health)
  .route("/api", sectors)
  .route("/api", networks)
  .route("/api", networkSettings)
  .route("/api", institutions)
  .route("/api", directoryImport)
  .route("/api", events)
  .route("/api", registrationsRouter)
  .route("/api", registrationChanges)
  .route("/api", board)
  .route("/api", attendance)
  .route("/api", auth)
  .route("/api", participation)
  .route("/api", contactPersons)
  .route("/api", contacts)
  .route("/api", auditLog)
  .route("/api", privacy)
  .route("/api", dev)
  .route("/api", documents)
  .route("/api", feedback)
  .route("/api", feedbackAnswers)
  .route("/api", messagesRouter)
  .route("/api", operatorRoutes)
  .doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "NetzWerkstatt API",
      version: "0.1.0",
      description:
        "Workshop and network-conference management for child-protection cooperation networks. " +
        "Errors are `application/problem+json` with a stable `code`; send `Accept-Language: en` for English messages (German is the default).",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Directory", description: "Networks, sectors and partner institutions" },
      { name: "Events", description: "Events, sessions and tracks" },
      {
        name: "Registrations",
        description: "Quota-based registration, waiting list, redistribution and the allocation board",
      },
      { name: "Attendance", description: "Check-in at the door, walk-ins and excused absences per session" },
      {
        name: "Documents",
        description:
          "Printable sign-in sheets, certificates of attendance and participant and attendance lists (PDF, CSV, XLSX)",
      },
      {
        name: "Feedback",
        description:
          "Anonymous feedback forms: building, answering once after attending, aggregated results and trends",
      },
      {
        name: "Messages",
        description:
          "Messages to an event's registrants or invited institutions' contacts, with preview, test mail and history",
      },
      { name: "Auth", description: "Passwordless sign-in by e-mail link, sessions" },
      { name: "Participation", description: "A participant's own registration, by personal link" },
      {
        name: "Data protection",
        description: "Privacy notice, retention and erasure, a person's rights of access and erasure (DSGVO)",
      },
      {
        name: "Operation",
        description: "For the operators of the installation (`OPERATOR_EMAILS`): setting up and suspending networks",
      },
      { name: "Development", description: "Only in local development (DEV_MODE=true, loopback address)" },
      { name: "System", description: "Operations" },
    ],
  });

app.notFound((c) => problemResponse(c, new ApiError("not_found")));

app.onError((err, c) => {
  if (err instanceof ApiError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    // Hono's own validators throw these, e.g. for a body that is not JSON.
    const code =
      err.status === 404
        ? "not_found"
        : err.status === 405
          ? "method_not_allowed"
          : err.status < 500
            ? "malformed_request"
            : "internal_error";
    return problemResponse(c, new ApiError(code, [], err));
  }
  console.error(JSON.stringify({ requestId: c.get("requestId"), error: String(err), stack: (err as Error).stack }));
  return problemResponse(c, new ApiError("internal_error", [], err));
});

export type AppType = typeof routes;
export default app;
