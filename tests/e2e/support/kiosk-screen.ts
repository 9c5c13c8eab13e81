/**
 * The counter kiosk's screen (/kiosk) as a screen-reader user finds it, by role and Vietnamese name: the
 * overall faces, the criteria groups, the receipt code, send, the thank-you and the staff footer.
 */
import type { Page } from "@playwright/test";

export function kioskScreen(page: Page) {
  const overall = page.getByRole("region", { name: /^Nhìn chung, Ông\/Bà hài lòng thế nào/ });
  return {
    overall,
    face: (name: string) => overall.getByRole("button", { name, exact: true }),
    group: (name: RegExp | string) => page.getByRole("group", { name }),
    dossier: page.getByRole("textbox", { name: "Mã số biên nhận hồ sơ (không bắt buộc)" }),
    send: page.getByRole("button", { name: "Gửi đánh giá" }),
    thanks: page.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" }),
    footer: page.getByRole("contentinfo"),
  };
}
