/**
 * Demo officers (công chức tại quầy): three per agency of the demo directory, each serving at every counter of
 * their agency, without PINs (chosen from the kiosk's list). Created only with the demo province, before the
 * synthetic responses, so that the generator can credit its kiosk ratings to them (db/seed/generate.ts) and
 * the per-officer figures (/quan-tri/can-bo) show something in the demo.
 */
import type { Db } from "../client";

const NAMES = [
  "Nguyễn Thị Hoa",
  "Lò Văn Minh",
  "Trần Thu Trang",
  "Quàng Thị Lan",
  "Phạm Đức Anh",
  "Lường Văn Hùng",
  "Vũ Thị Mai",
  "Cà Văn Thắng",
  "Đỗ Minh Châu",
  "Tòng Thị Hiền",
  "Lê Quang Huy",
  "Giàng A Páo",
  "Hoàng Thị Ngọc",
];
const TITLES = ["Chuyên viên tiếp nhận và trả kết quả", "Công chức một cửa", "Phó trưởng bộ phận một cửa"];
export const DEMO_OFFICERS_PER_AGENCY = 3;

/** Returns how many officers were created. Names repeat across agencies (13 names, 3 per agency): it is a demo. */
export function seedDemoOfficers(db: Db, now = Date.now()): number {
  const agencies = db.$client
    .prepare("select a.id from agencies a where exists (select 1 from counters c where c.agency_id = a.id and c.active = 1) order by a.code")
    .all() as { id: number }[];
  const insert = db.$client.prepare("insert into officers (agency_id, name, title, photo, pin_hash, created_at) values (?, ?, ?, null, null, ?)");
  const serve = db.$client.prepare(
    "insert into counter_officers (counter_id, officer_id) select id, ? from counters where agency_id = ? and active = 1",
  );
  let made = 0;
  db.$client.transaction(() => {
    agencies.forEach((agency, a) => {
      for (let k = 0; k < DEMO_OFFICERS_PER_AGENCY; k++) {
        const name = NAMES[(a * DEMO_OFFICERS_PER_AGENCY + k) % NAMES.length]!;
        const id = Number(insert.run(agency.id, name, TITLES[k % TITLES.length]!, now).lastInsertRowid);
        serve.run(id, agency.id);
        made += 1;
      }
    });
  })();
  return made;
}
