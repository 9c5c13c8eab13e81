/**
 * An audit log action as the accounts screen shows it: «Đăng nhập», not «auth.signin» (issue 21). The stored
 * code stays as it is (scripts and exports read it); its words are the locale's `auditAction.<code with
 * underscores>`. A code without words yet (added by a newer feature) shows as «Thao tác khác (code)», so the
 * screen never shows a bare code as if it were a word.
 */
import type { TFunction } from "i18next";

export function auditActionWords(t: TFunction, action: string): string {
  const key = `auditAction.${action.replace(/\./g, "_")}`;
  const words = t(key, { defaultValue: "" });
  return words || t("admin.otherAction", { code: action });
}
