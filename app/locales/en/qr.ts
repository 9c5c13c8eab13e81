import type { qr as vi } from "../vi/qr";
import type { Shape } from "../shape";

export const qr = {
  title: "Counters' QR codes",
} satisfies Shape<typeof vi>;
