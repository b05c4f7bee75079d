// A QR code drawn in the browser (uqr), for the organisers' pages; the participant's ticket comes
// drawn from the server (components/qr-svg.tsx).
import { createMemo } from "solid-js";
import { qrShape } from "../../../worker/lib/qr";
import { QrSvg } from "./qr-svg";

export function QrCode(props: { text: string; label: string; class?: string }) {
  const shape = createMemo(() => qrShape(props.text));
  return <QrSvg shape={shape()} label={props.label} class={props.class} />;
}
