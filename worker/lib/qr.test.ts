import { describe, expect, it } from "vitest";
import { qrPath, qrShape } from "./qr";

describe("qrPath", () => {
  it("draws each run of dark modules in a row as one rectangle", () => {
    expect(
      qrPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe("M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z");
  });

  it("draws nothing for a row without dark modules", () => {
    expect(qrPath([[false, false]])).toBe("");
  });
});

describe("qrShape", () => {
  it("has the quiet zone: the outer four modules stay light", () => {
    const { size, path } = qrShape("NW:K7MQ4RXN");
    // Version 1 (21 modules) plus four modules of quiet zone on each side.
    expect(size).toBe(29);
    const starts = [...path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => m.slice(1).map(Number));
    expect(starts.length).toBeGreaterThan(20);
    for (const [x, y, run] of starts) {
      expect(x).toBeGreaterThanOrEqual(4);
      expect(y).toBeGreaterThanOrEqual(4);
      expect(x! + run!).toBeLessThanOrEqual(size - 4);
      expect(y).toBeLessThan(size - 4);
    }
  });

  it("gives different texts different codes", () => {
    expect(qrShape("NW:K7MQ4RXN").path).not.toBe(qrShape("NW:K7MQ4RXP").path);
  });
});
