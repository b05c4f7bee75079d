// A QR code as inline SVG from its outline (worker/lib/qr.ts): vector, so it stays sharp on a
// projector slide and on a phone held up at the door. Without the QR library: the participant's
// page gets the outline of its ticket from the server.
import type { QrShape } from "../../../worker/lib/qr";

export function QrSvg(props: { shape: QrShape; label: string; class?: string }) {
  return (
    <svg
      class={`qr ${props.class ?? ""}`}
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${props.shape.size} ${props.shape.size}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={props.shape.path} fill="#000" />
    </svg>
  );
}
