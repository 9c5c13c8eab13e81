/** Calling Remix loaders and actions directly: what they gave back, thrown or returned, in one shape. */

/** A Response (redirects, thrown errors), or `data()` with its init, or a plain returned object. */
export type Outcome =
  | { thrown: boolean; kind: "response"; status: number; response: Response }
  | { thrown: boolean; kind: "data"; status: number; data: Record<string, unknown>; headers: Headers };

export async function settle(run: () => unknown): Promise<Outcome> {
  let thrown = false;
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    thrown = true;
    value = error;
  }
  if (value instanceof Response) return { thrown, kind: "response", status: value.status, response: value };
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: Record<string, unknown>; init: ResponseInit | null };
    return { thrown, kind: "data", status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
  }
  if (thrown) throw value;
  return { thrown, kind: "data", status: 200, data: value as Record<string, unknown>, headers: new Headers() };
}
