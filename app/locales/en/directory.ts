import type { directory as vi } from "../vi/directory";
import type { Shape } from "../shape";

export const directory = {
  title: "Directory",
} satisfies Shape<typeof vi>;
