/**
 * The directory import in the browser: an admin uploads a CSV with two bad rows and sees both reasons with
 * their row numbers while nothing changes; uploads the fixed file, sees the preview, applies it, and every
 * row is in the database. Also downloads a template. Codes are unique per run (the database is shared).
 */
import Database from "better-sqlite3";
import crypto from "node:crypto";

import { expect, test } from "./fixtures";

// A file with errors is answered 400 (as every refused form here), which the browser logs.
test.use({ viewport: { width: 1366, height: 768 }, allowedConsoleErrors: [/status of 400/] });

const suffix = crypto.randomBytes(3).toString("hex").toUpperCase();
const code = (base: string) => `${base}_${suffix}`;

function csv(level: string, counterAgency: string): string {
  return [
    "loai,ma,ten,nganh,cap,hieu_luc_tu,hieu_luc_den,ke_thua,phep_so_sanh,ti_le,co_quan,linh_vuc",
    `nganh,${code("N")},Ngành thử ${suffix},,,,,,,,,`,
    `linh_vuc,${code("LV")},Lĩnh vực thử,${code("N")},,,,,>=,90,,`,
    `co_quan,${code("CQ")},Cơ quan thử,,${level},2025-07-01,,,,,,`,
    `quay,${code("Q")},Quầy thử,,,,,,,,${counterAgency},${code("LV")};DAT_DAI`,
    `thu_tuc,${code("TT")},Thủ tục thử,,,,,,,,,${code("LV")}`,
  ].join("\r\n");
}

function countMine(): number {
  const db = new Database(process.env.SIPAS_E2E_DB!, { readonly: true, fileMustExist: true });
  try {
    const like = `%\\_${suffix}`;
    return ["sectors", "fields", "agencies", "counters", "procedures"].reduce(
      (n, table) => n + (db.prepare(`select count(*) as n from ${table} where code like ? escape '\\'`).get(like) as { n: number }).n,
      0,
    );
  } finally {
    db.close();
  }
}

test("an admin imports a directory CSV: two bad rows → both reasons, nothing changed; fixed → preview → applied", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("sipas-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Danh mục" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Danh mục" })).toBeVisible();
  await page.getByRole("link", { name: "Nhập danh mục từ tệp CSV hoặc Excel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhập danh mục" })).toBeVisible();

  const file = page.getByLabel("Tệp danh mục (.xlsx hoặc .csv)");
  await file.setInputFiles({ name: "danh-muc.csv", mimeType: "text/csv", buffer: Buffer.from(csv("huyen", "KHONG_CO_" + suffix)) });
  await page.getByRole("button", { name: "Kiểm tra và xem trước" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Tệp có 2 lỗi; chưa có gì thay đổi.");
  await expect(alert.getByRole("row", { name: /4 Dòng 4: Cơ quan «CQ_\w+»: cấp phải là «tinh» hoặc «xa»/ })).toBeVisible();
  await expect(alert.getByRole("row", { name: new RegExp(`5 Dòng 5: Quầy «Q_${suffix}»: không có cơ quan «KHONG_CO_${suffix}»`) })).toBeVisible();
  expect(countMine()).toBe(0);

  await file.setInputFiles({ name: "danh-muc.csv", mimeType: "text/csv", buffer: Buffer.from(csv("xa", code("CQ"))) });
  await page.getByRole("button", { name: "Kiểm tra và xem trước" }).click();
  const preview = page.getByRole("region", { name: "Xem trước: tệp «danh-muc.csv» hợp lệ" });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole("row", { name: "Thủ tục 1 0" })).toBeVisible();
  expect(countMine()).toBe(0);

  await preview.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page.getByRole("status")).toContainText("Đã áp dụng danh mục: 5 mục thêm mới, 0 mục cập nhật.");
  expect(countMine()).toBe(5);

  await page.getByRole("link", { name: "← Danh mục" }).click();
  await expect(page.getByRole("cell", { name: code("Q"), exact: true })).toBeVisible();
});

test("an admin downloads the CSV template, UTF-8 with a BOM", async ({ page }) => {
  await page.goto("/dang-nhap?tiep=%2Fquan-tri%2Fdanh-muc%2Fnhap");
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("sipas-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhập danh mục" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tệp mẫu CSV" }).click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Nông nghiệp và Môi trường");
});

test("an admin adds an agency, then records its merger (last day and successor) on the edit form", async ({ page }) => {
  const agency = code("XA");
  await page.goto("/dang-nhap?tiep=%2Fquan-tri%2Fdanh-muc%2Fco-quan");
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("sipas-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cơ quan" })).toBeVisible();
  await page.getByLabel("Mã").fill(agency);
  await page.getByLabel("Tên").fill("Xã thử sáp nhập");
  await page.getByLabel("Cấp").selectOption("xa");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã lưu «${agency}».`);

  await page.getByRole("link", { name: `Sửa ${agency}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Sửa «${agency}»` })).toBeVisible();
  await page.getByLabel("Hiệu lực đến ngày (cơ quan đã sáp nhập)").fill("2025-06-30");
  await page.getByLabel("Cơ quan kế thừa (khi sáp nhập)").selectOption("TTHCC");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã lưu «${agency}».`);

  const db = new Database(process.env.SIPAS_E2E_DB!, { readonly: true, fileMustExist: true });
  try {
    expect(
      db
        .prepare("select a.valid_to as validTo, s.code as successor from agencies a join agencies s on s.id = a.successor_id where a.code = ?")
        .get(agency),
    ).toEqual({ validTo: "2025-06-30", successor: "TTHCC" });
  } finally {
    db.close();
  }
});
