// The first PDFs an isolate makes, requested at the same time: the font is loaded once for both.
// A promise shared between requests made the second one hang in workerd (500 "code had hung").
import { expect, it } from "vitest";
import { authed, seed, signIn } from "../helpers";

it("answers two PDFs asked for at once before any PDF was made", async () => {
  await seed(new Date());
  const organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  const answers = await Promise.all(
    ["certificates.pdf", "participants.pdf", "certificates.pdf"].map((file) =>
      authed(organiser, `/api/events/evt-werkstattreihe-fh/${file}`),
    ),
  );
  expect(answers.map((r) => `${r.status} ${r.headers.get("content-type")}`)).toEqual([
    "200 application/pdf",
    "200 application/pdf",
    "200 application/pdf",
  ]);
});
