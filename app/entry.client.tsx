/** Hydration for the pages that need it (the citizen page does not: it works as plain HTML). */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";

import { forLocale, isLocale } from "./i18n/i18n";

const lang = document.documentElement.lang;
const i18n = forLocale(isLocale(lang) ? lang : "vi");

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
