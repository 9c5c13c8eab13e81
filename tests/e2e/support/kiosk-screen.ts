/**
 * The counter kiosk's screen (/kiosk) as a screen-reader user finds it, by role and Vietnamese name: the
 * overall faces, the field buttons, the criteria groups, the receipt code, «Xong», the thank-you and the staff footer.
 */
import type { Page } from "@playwright/test";

export function kioskScreen(page: Page) {
  const overall = page.getByRole("region", { name: /^Nhìn chung, Ông\/Bà hài lòng thế nào/ });
  return {
    overall,
    face: (name: string) => overall.getByRole("button", { name, exact: true }),
    group: (name: RegExp | string) => page.getByRole("group", { name }),
    dossier: page.getByRole("textbox", { name: "Mã số biên nhận hồ sơ (không bắt buộc)" }),
    /** «Xong»: the details given are added to the vote, then thanks. */
    send: page.getByRole("button", { name: "Xong", exact: true }),
    /** The counter's fields, asked above the faces and again on the details screen when skipped. */
    fieldGroup: page.getByRole("group", { name: "Hồ sơ của Ông/Bà thuộc lĩnh vực nào?" }),
    recorded: page.getByRole("status").filter({ hasText: "Đánh giá của Ông/Bà đã được ghi nhận." }),
    thanks: page.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" }),
    footer: page.getByRole("contentinfo"),
  };
}
