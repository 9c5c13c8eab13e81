/** Every unknown address: the Vietnamese 404 page, with status 404. */
import { GeneralErrorBoundary } from "~/components/ErrorBoundary";
import type { RouteHandle } from "~/root";

export async function loader() {
  throw new Response("Không tìm thấy", { status: 404 });
}

export const handle: RouteHandle = { hydrate: false };

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
