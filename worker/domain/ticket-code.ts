// The short ticket code of a registration: what is printed under the QR and on the sign-in
// sheet, and typed at the door when a phone will not scan. Eight characters from an alphabet
// without the lookalikes 0/O and 1/I/L, seven random and one check character, so that a typo
// is caught on the spot instead of checking in someone else. Random, not derived from the
// registration's id: the code says nothing about the registration and cannot be guessed from it.
//
// Check scheme: the characters' values v1..v8 (their positions in the alphabet) weighted
// 8, 7, …, 1 sum to 0 modulo 31. 31 is prime and the weights are distinct and non-zero modulo
// 31, so changing one character, or swapping any two different ones (adjacent ones included),
// always breaks the sum. The migration that gave existing registrations their codes computes
// the same sum in SQL (migrations/0012_ticket_codes.sql).
import { registrationIdOfTicket } from "./attendance";

export const TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const TICKET_CODE_LENGTH = 8;

const BASE = TICKET_ALPHABET.length; // 31
const RANDOM_LENGTH = TICKET_CODE_LENGTH - 1;
// Bytes at or above the largest multiple of 31 are skipped, so that every character is equally likely.
const BYTE_LIMIT = BASE * Math.floor(256 / BASE);

const weightedSum = (values: number[]) => values.reduce((sum, v, i) => sum + (TICKET_CODE_LENGTH - i) * v, 0) % BASE;

const valuesOf = (code: string) => [...code].map((c) => TICKET_ALPHABET.indexOf(c));

/** The check character for the first seven characters of a code. */
export function checkCharacter(first: string): string {
  const values = valuesOf(first);
  if (values.length !== RANDOM_LENGTH || values.includes(-1)) throw new Error(`not a code's first seven: ${first}`);
  // The last weight is 1: the check value is what makes the sum 0.
  return TICKET_ALPHABET[(BASE - weightedSum(values)) % BASE]!;
}

/**
 * A code from random bytes (unbiased: bytes ≥ 248 are skipped); undefined if the bytes run
 * out first, which with 16 bytes happens about once in 10^11 draws.
 */
export function ticketCodeFromBytes(bytes: Uint8Array): string | undefined {
  let first = "";
  for (const byte of bytes) {
    if (byte >= BYTE_LIMIT) continue;
    first += TICKET_ALPHABET[byte % BASE];
    if (first.length === RANDOM_LENGTH) return first + checkCharacter(first);
  }
  return undefined;
}

/** A new random code. */
export function newTicketCode(randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n))): string {
  for (;;) {
    const code = ticketCodeFromBytes(randomBytes(16));
    if (code) return code;
  }
}

/** A well-formed code: eight characters of the alphabet whose check character fits. */
export function isTicketCode(code: string): boolean {
  if (code.length !== TICKET_CODE_LENGTH) return false;
  const values = valuesOf(code);
  return !values.includes(-1) && weightedSum(values) === 0;
}

/** As typed or scanned: without the QR's `NW:`, upper case, without spaces and dashes. */
export const normaliseTicketCode = (input: string) =>
  registrationIdOfTicket(input.trim())
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—]/g, "");

/** For reading aloud and typing: two groups of four, `ABCD-EFGH`. */
export const formatTicketCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export type Ticket =
  /** A short code, normalised. */
  | { kind: "code"; code: string }
  /**
   * Otherwise a registration's id, the ticket code before short codes, still on printed and
   * saved tickets. If no registration has it and it looks like a short code (letters and digits,
   * about as long), it was a short code mistyped: wrong length, a lookalike, or the check fails.
   */
  | { kind: "id"; id: string; mistypedCode: boolean };

const LOOKS_LIKE_SHORT_CODE = /^[0-9A-Z]{6,10}$/;

/** What a typed or scanned ticket is: a short code, or the id of an older ticket (or a mistyped code). */
export function readTicket(input: string): Ticket {
  const compact = normaliseTicketCode(input);
  if (isTicketCode(compact)) return { kind: "code", code: compact };
  return { kind: "id", id: registrationIdOfTicket(input.trim()), mistypedCode: LOOKS_LIKE_SHORT_CODE.test(compact) };
}
