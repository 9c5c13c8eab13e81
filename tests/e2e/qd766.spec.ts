/**
 * QĐ 766 in the browser (issue 19): an administrator imports last month's dossiers and PAKN, sees the 766
 * section (months as rows, the unit below 90 % named), publishes the month with one action, and a visitor
 * without an account finds its frozen figures on /cong-khai/qd766.
 */
import { expect, signInDemo, test } from "./fixtures";

// The refused file below is a 400 the browser logs as a failed resource.
test.use({ allowedConsoleErrors: [/status of 400/] });

/** The month before the current one, in Vietnam time: closed, so it may be published. */
function lastMonth(): { key: string; label: string; day: (d: number) => string } {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const y = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const m = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const key = `${y}-${String(m).padStart(2, "0")}`;
  return { key, label: `${m}/${y}`, day: (d) => `${key}-${String(d).padStart(2, "0")}` };
}

test("an administrator imports a month of dossiers and PAKN, publishes it, and /cong-khai shows it signed out", async ({ page, browser }) => {
  const month = lastMonth();
  // TTHCC: 10 settled, 2 late → 5.4 = 80 % (named below 90 %); SO_TP: 10 on time, one with a PAKN → 90 %.
  const dossiers = [
    "code,agency,field,procedure,received,due,returned,channel",
    ...Array.from({ length: 10 }, (_, i) => `E2E766-A${i},TTHCC,DAT_DAI,,${month.day(1)},${month.day(10)},${month.day(i < 2 ? 12 : 9)},truc-tiep`),
    ...Array.from({ length: 10 }, (_, i) => `E2E766-T${i},SO_TP,TU_PHAP,,${month.day(1)},${month.day(10)},${month.day(10)},truc-tuyen`),
  ].join("\n");
  const pakn = [
    "id,agency,received,due,handled,dossier,unsatisfied",
    `E2E766-P1,SO_TP,${month.day(11)},${month.day(20)},${month.day(15)},E2E766-T0,0`,
  ].join("\n");

  await signInDemo(page, "admin");
  const nav = page.getByRole("navigation", { name: "Điều hướng quản trị" });
  await nav.getByRole("link", { name: "Chỉ số QĐ 766" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chỉ số hài lòng theo Quyết định 766/QĐ-TTg" })).toBeVisible();

  // A bad line first: refused with its line named, nothing stored.
  await page
    .getByLabel("Tệp hồ sơ")
    .setInputFiles({ name: "ho-so.csv", mimeType: "text/csv", buffer: Buffer.from(`${dossiers}\nE2E766-X,TTHCC,,,${month.day(1)},hom-nay,,`) });
  await page.getByRole("button", { name: "Nhập hồ sơ" }).click();
  await expect(page.getByRole("alert")).toContainText("Không nạp gì: 1 dòng lỗi.");
  await expect(page.getByRole("alert")).toContainText("ngày hẹn trả «hom-nay» không hợp lệ");

  await page.getByLabel("Tệp hồ sơ").setInputFiles({ name: "ho-so.csv", mimeType: "text/csv", buffer: Buffer.from(dossiers) });
  await page.getByRole("button", { name: "Nhập hồ sơ" }).click();
  await expect(page.getByRole("status")).toContainText("Đã nạp: 20 mới, 0 cập nhật.");
  await page.getByLabel("Tệp PAKN").setInputFiles({ name: "pakn.csv", mimeType: "text/csv", buffer: Buffer.from(pakn) });
  await page.getByRole("button", { name: "Nhập PAKN" }).click();
  await expect(page.getByRole("status")).toContainText("Đã nạp: 1 mới, 0 cập nhật.");

  // From the first working day of this month (always passed by the 3rd), the month just closed is proposed.
  const proposal = page.locator("form.qd766-proposal");
  if (new Date(Date.now() + 7 * 3_600_000).getUTCDate() >= 3) {
    await expect(proposal).toContainText(`Tháng ${month.label} đã khép lại và chưa công bố`);
    await expect(proposal.getByRole("button", { name: "Công bố ngay" })).toBeVisible();
  }

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `Tháng ${month.label}`, exact: true }) });
  await expect(row).toContainText("Trung tâm Phục vụ hành chính công tỉnh Điện Biên (80,00");
  await expect(row).not.toContainText("Sở Tư pháp");
  await row.getByRole("button", { name: `Công bố tháng ${month.label}` }).click();
  await expect(page.getByRole("status")).toContainText(`Đã công bố Tháng ${month.label} trên trang công khai.`);
  await expect(row).toContainText("Đã công bố");
  await expect(proposal, "a published month is no longer proposed").toHaveCount(0);

  // The dashboard's 766 section shows the same month.
  await nav.getByRole("link", { name: "Tổng quan" }).click();
  const section = page.getByRole("region", { name: "Chỉ số hài lòng theo Quyết định 766/QĐ-TTg" });
  await expect(section.getByRole("rowheader", { name: `Tháng ${month.label}`, exact: true })).toBeVisible();

  const visitor = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" })).newPage();
  await visitor.goto("/cong-khai");
  await visitor.getByRole("link", { name: "Chỉ số hài lòng theo QĐ 766 (theo tháng)" }).click();
  const published = visitor.getByRole("region", { name: `Tháng ${month.label}`, exact: true });
  await expect(published).toBeVisible();
  await expect(published.getByRole("row").filter({ hasText: "Trung tâm Phục vụ hành chính công tỉnh Điện Biên" })).toContainText("80,00");
  await expect(published.getByRole("row").filter({ hasText: "Sở Tư pháp" })).toContainText("90,00");
  await visitor.context().close();
});
