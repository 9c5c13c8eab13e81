import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { csrfForPage } from "./auth/csrf.server";
import { GeneralErrorBoundary } from "./components/ErrorBoundary";
import { localeOf } from "./i18n/locale.server";
import { useNonce } from "./security/nonce";
import appCss from "./styles/app.css?url";

/** What a route may say about the document around it. */
export type RouteHandle = {
  /** false: a plain HTML page that ships no React bundle (the citizen pages: ≤ 30 KB on 3G). */
  hydrate?: boolean;
  /** Small progressive-enhancement scripts from public/, loaded with `defer`. */
  scripts?: string[];
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Citizens' rating pages and the public results (cached by proxies) have no changing form behind a
  // session: they are given no cookie at all.
  const path = new URL(request.url).pathname;
  if (path.startsWith("/q/") || path === "/cong-khai" || path.startsWith("/cong-khai/")) return { locale: localeOf(request), csrf: null };
  const csrf = csrfForPage(request);
  const body = { locale: localeOf(request), csrf: csrf.token };
  return csrf.setCookie ? data(body, { headers: { "Set-Cookie": csrf.setCookie } }) : body;
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const matches = useMatches();
  const nonce = useNonce();
  const handles = matches.map((m) => (m.handle ?? {}) as RouteHandle);
  const hydrate = !handles.some((h) => h.hydrate === false);
  const scripts = handles.flatMap((h) => h.scripts ?? []);
  return (
    <html lang={data?.locale ?? i18n.language ?? "vi"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#a50e0e" />
        <Meta />
        <Links />
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
