// The personal link (`/teilnahme#t=<token>`) opens the participant's page. The token is moved out
// of the address bar and the history entry at once, as the sign-in confirmation does, so that it
// is not shown, bookmarked, synced or left in the history of a shared computer. It is kept in
// sessionStorage: a reload in the same tab still works, and it ends with the tab (unlike
// localStorage, it is neither shared with other tabs nor kept after closing).
const KEY = "nw.participantToken";

/** The token of the personal link: from the fragment the first time, else from this tab's storage. */
export function takeParticipantToken(): string {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("t");
  if (fromLink) {
    try {
      sessionStorage.setItem(KEY, fromLink);
    } catch {
      // Storage may be disabled; the page still works until it is reloaded.
    }
    history.replaceState(history.state, "", location.pathname + location.search);
    return fromLink;
  }
  try {
    return sessionStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

/** After the link was revoked or the data erased, the tab forgets the token too. */
export function forgetParticipantToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}
