/** Every unknown address: the Vietnamese 404 page, with status 404. */
import type { MetaFunction } from "@remix-run/node";

import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import type { RouteHandle } from "~/root";

export async function loader() {
  throw new Response("Không tìm thấy", { status: 404 });
}

export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("notFound.title") }];

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
