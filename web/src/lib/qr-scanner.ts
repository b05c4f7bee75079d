// The QR reader for browsers without a native BarcodeDetector (Safari on iOS, Firefox, Chromium
// on Linux): the barcode-detector ponyfill, ZXing compiled to WebAssembly. Its .wasm comes from
// our own origin, not the CDN the package defaults to: the Content-Security-Policy allows no
// other origin, and a venue's Wi-Fi should need to reach only us. Loaded by the check-in page's
// scanner on demand, so that no other page carries it.
import { BarcodeDetector, prepareZXingModule } from "barcode-detector/ponyfill";
// The very zxing-wasm that barcode-detector depends on (it pins the version), emitted by vite as an asset.
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
});

export { BarcodeDetector };
