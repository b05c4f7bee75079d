// A QR code as inline SVG (uqr): one path of dark modules, with the quiet zone of the standard.
// Vector, so it stays sharp on a projector slide and on a phone held up at the door.
import { createMemo } from "solid-js";
import { encode } from "uqr";

export function QrCode(props: { text: string; label: string; class?: string }) {
  const qr = createMemo(() => encode(props.text, { ecc: "M", border: 4 }));
  const path = createMemo(() => {
    let d = "";
    qr().data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return d;
  });
  return (
    <svg
      class={`qr ${props.class ?? ""}`}
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${qr().size} ${qr().size}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={path()} fill="#000" />
    </svg>
  );
}
