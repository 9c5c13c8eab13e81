/** The hidden CSRF field every changing form carries (token from the root loader). */
import { useRouteLoaderData } from "@remix-run/react";

import type { loader as rootLoader } from "~/root";

export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
