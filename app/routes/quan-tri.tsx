/**
 * The staff area: a hydrated layout with navigation. Every child loader and action still checks the
 * user itself (a layout loader does not guard its children's data requests). Its error boundary is the
 * area's one: an error in a child page renders inside the same header and navigation, so the person can
 * go on to another screen (docs/decisions/0019-forms-and-error-boundaries.md).
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { FIGURE_READERS } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorDetails } from "~/components/ErrorBoundary";
import { noStoreHeaders } from "~/security/no-store";

export async function loader({ request }: LoaderFunctionArgs) {
  // Surveyors have their own app (the tablet interview), not the staff area: send them there, not to a 403.
  if (requireUser(request).role === "surveyor") throw redirect("/khao-sat-vien");
  const user = requireUser(request, FIGURE_READERS);
  return { user: { displayName: user.displayName, role: user.role, agencyCode: user.agencyCode } };
}

// Inherited by every page of the staff area that sets no headers of its own (issue 16, finding 13).
export const headers = noStoreHeaders;

export default function AdminLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <StaffShell user={user}>
      <Outlet />
    </StaffShell>
  );
}

/**
 * An error of a staff page, or of this layout's own loader: inside the staff header, with the navigation when
 * the layout knows who is signed in (a child's loader failed, not this one's).
 */
export function ErrorBoundary() {
  const layout = useRouteLoaderData<typeof loader>("routes/quan-tri");
  return (
    <StaffShell user={layout?.user ?? null}>
      <main className="page narrow">
        <ErrorDetails area="staff" />
      </main>
    </StaffShell>
  );
}

type StaffUser = ReturnType<typeof useLoaderData<typeof loader>>["user"];

function StaffShell({ user, children }: { user: StaffUser | null; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="admin">
      <header className="admin-bar">
        <p className="admin-title">{t("app.name")}</p>
        {user ? <StaffNav user={user} /> : null}
      </header>
      {children}
    </div>
  );
}

function StaffNav({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t("nav.main")}>
        <NavLink to="/quan-tri" end>
          {t("nav.dashboard")}
        </NavLink>
        {user.role === "admin" ? <NavLink to="/quan-tri/tai-khoan">{t("nav.users")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/danh-muc">{t("directory.title")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/ma-qr">{t("qr.nav")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/giam-sat">{t("field.nav")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/cong-bo">{t("publish.nav")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/may-tai-quay">{t("kiosk.nav")}</NavLink> : null}
        {user.role === "admin" ? <NavLink to="/quan-tri/ngon-ngu">{t("languages.nav")}</NavLink> : null}
        {user.role === "admin" || user.role === "agency" ? <NavLink to="/quan-tri/can-bo">{t("kiosk.officersNav")}</NavLink> : null}
        <NavLink to="/quan-tri/qd766">{t("qd766.nav")}</NavLink>
        <NavLink to="/quan-tri/bao-cao">{t("report.nav")}</NavLink>
        <NavLink to="/quan-tri/gop-y">{t("feedback.nav")}</NavLink>
        <NavLink to="/quan-tri/mat-khau">{t("nav.password")}</NavLink>
      </nav>
      <div className="admin-user">
        <span>
          {t("auth.signedInAs", { name: user.displayName })} · {t(`auth.role_${user.role}`)}
        </span>
        <Form method="post" action="/dang-xuat">
          <CsrfInput />
          <button type="submit" className="link">
            {t("auth.signOut")}
          </button>
        </Form>
      </div>
    </>
  );
}
