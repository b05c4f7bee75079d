import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCharacter,
  formatTicketCode,
  isTicketCode,
  newTicketCode,
  normaliseTicketCode,
  readTicket,
  TICKET_ALPHABET,
  TICKET_CODE_LENGTH,
  ticketCodeFromBytes,
} from "./ticket-code";

const code = fc
  .array(fc.constantFrom(...TICKET_ALPHABET), { minLength: 7, maxLength: 7 })
  .map((chars) => chars.join("") + checkCharacter(chars.join("")));

describe("the alphabet", () => {
  it("has 31 characters, none of them lookalikes", () => {
    expect(TICKET_ALPHABET).toHaveLength(31);
    expect(new Set(TICKET_ALPHABET).size).toBe(31);
    for (const lookalike of "0O1IL") expect(TICKET_ALPHABET).not.toContain(lookalike);
  });
});

describe("new codes", () => {
  it("are eight characters of the alphabet with a fitting check character", () => {
    for (let i = 0; i < 200; i++) {
      const c = newTicketCode();
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(isTicketCode(c)).toBe(true);
    }
  });

  it("come from the random bytes, skipping those that would bias the draw", () => {
    // 248..255 are skipped; 0 → "2", 30 → "Z", 31 → "2" again.
    const bytes = Uint8Array.from([248, 0, 255, 30, 31, 1, 2, 3, 4, 9, 9]);
    expect(ticketCodeFromBytes(bytes)).toBe(`2Z23456${checkCharacter("2Z23456")}`);
    expect(ticketCodeFromBytes(Uint8Array.from([1, 2, 3, 250, 251, 252, 253, 254, 255]))).toBeUndefined();
    // Draws again when the bytes run out.
    let call = 0;
    const c = newTicketCode((n) => (call++ === 0 ? new Uint8Array(n).fill(250) : new Uint8Array(n).fill(5)));
    expect(c.slice(0, 7)).toBe("7777777");
    expect(call).toBe(2);
  });

  it("differ from each other", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newTicketCode()));
    expect(codes.size).toBe(5000);
  });
});

describe("the check character", () => {
  it("catches every single substitution", () => {
    fc.assert(
      fc.property(code, fc.nat(TICKET_CODE_LENGTH - 1), fc.nat(TICKET_ALPHABET.length - 2), (c, at, shift) => {
        const i = TICKET_ALPHABET.indexOf(c[at]!);
        const other = TICKET_ALPHABET[(i + 1 + shift) % TICKET_ALPHABET.length]!;
        expect(isTicketCode(c.slice(0, at) + other + c.slice(at + 1))).toBe(false);
      }),
    );
  });

  it("catches every swap of two neighbours that differ, the check character included", () => {
    fc.assert(
      fc.property(code, fc.nat(TICKET_CODE_LENGTH - 2), (c, at) => {
        fc.pre(c[at] !== c[at + 1]);
        const swapped = c.slice(0, at) + c[at + 1] + c[at] + c.slice(at + 2);
        expect(isTicketCode(swapped)).toBe(false);
      }),
    );
  });

  it("is checked exhaustively for one code: all 8 × 30 substitutions and all 7 neighbour swaps", () => {
    const c = `ABCDEFG${checkCharacter("ABCDEFG")}`;
    expect(isTicketCode(c)).toBe(true);
    let caught = 0;
    for (let at = 0; at < 8; at++) {
      for (const other of TICKET_ALPHABET) {
        if (other === c[at]) continue;
        if (!isTicketCode(c.slice(0, at) + other + c.slice(at + 1))) caught++;
      }
    }
    expect(caught).toBe(8 * 30);
    for (let at = 0; at < 7; at++) {
      if (c[at] === c[at + 1]) continue;
      expect(isTicketCode(c.slice(0, at) + c[at + 1] + c[at] + c.slice(at + 2))).toBe(false);
    }
  });

  it("refuses wrong lengths and characters outside the alphabet", () => {
    const c = newTicketCode();
    expect(isTicketCode(c.slice(0, 7))).toBe(false);
    expect(isTicketCode(`${c}2`)).toBe(false);
    expect(isTicketCode(c.toLowerCase())).toBe(false);
    expect(isTicketCode(`O${c.slice(1)}`)).toBe(false);
    expect(() => checkCharacter("ABC")).toThrow();
  });
});

describe("typed and scanned tickets", () => {
  const c = `K7MQ4RX${checkCharacter("K7MQ4RX")}`;

  it("are normalised: no QR prefix, upper case, no spaces or dashes", () => {
    expect(normaliseTicketCode(`NW:${c}`)).toBe(c);
    expect(normaliseTicketCode(` nw: ${formatTicketCode(c).toLowerCase()} `)).toBe(c);
    expect(normaliseTicketCode("k7mq 4rx–x")).toBe("K7MQ4RXX");
    expect(formatTicketCode(c)).toBe(`K7MQ-4RX${c[7]}`);
  });

  it("are read as a short code, in any case, with or without dash or prefix", () => {
    for (const typed of [
      c,
      c.toLowerCase(),
      formatTicketCode(c),
      `NW:${c}`,
      ` ${formatTicketCode(c).toLowerCase()} `,
    ]) {
      expect(readTicket(typed)).toEqual({ kind: "code", code: c });
    }
  });

  it("are otherwise an id, and a mistyped code if they look like one but do not check", () => {
    const wrongCheck = c.slice(0, 7) + (c[7] === "2" ? "3" : "2");
    for (const typo of [
      wrongCheck,
      c.slice(0, 7),
      `${c}Z`,
      `0${c.slice(1)}`,
      formatTicketCode(wrongCheck).toLowerCase(),
    ]) {
      expect(readTicket(typo)).toMatchObject({ kind: "id", mistypedCode: true });
    }
  });

  it("keep an old ticket's registration id as written", () => {
    const uuid = "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f";
    expect(readTicket(`NW:${uuid}`)).toEqual({ kind: "id", id: uuid, mistypedCode: false });
    expect(readTicket(uuid)).toEqual({ kind: "id", id: uuid, mistypedCode: false });
    expect(readTicket("NW:reg-demo-teilnahme")).toEqual({ kind: "id", id: "reg-demo-teilnahme", mistypedCode: false });
    expect(readTicket("nw: att-a ")).toEqual({ kind: "id", id: "att-a", mistypedCode: false });
    // Short ids look like codes; whether one is a registration's id, the database decides.
    expect(readTicket("NW:tix-old")).toEqual({ kind: "id", id: "tix-old", mistypedCode: true });
  });
});
