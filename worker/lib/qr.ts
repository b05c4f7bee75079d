// A QR code as the outline of its dark modules, for an SVG `<path>` in a `0 0 size size` viewBox
// (quiet zone of four modules included). The worker draws the ticket's QR with it, so that the
// participant's page needs no QR library (issue 18's budget); the organisers' pages draw theirs
// in the browser (web/src/components/qr-code.tsx) with the same function.
import { encode } from "uqr";

export type QrShape = { size: number; path: string };

/** The dark modules as one path: each row's runs of dark modules as one rectangle each. */
export function qrPath(modules: boolean[][]): string {
  let d = "";
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      const run = x - start + 1;
      d += `M${start} ${y}h${run}v1h-${run}z`;
    }
  });
  return d;
}

/** The QR of a text at error correction level M, as the phones at the door read it. */
export function qrShape(text: string): QrShape {
  const qr = encode(text, { ecc: "M", border: 4 });
  return { size: qr.size, path: qrPath(qr.data) };
}
