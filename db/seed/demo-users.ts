/**
 * Demo accounts, one per role, created only with the demo province. DEMO_PASSWORD is public (README), so it is
 * given only on a loopback host or with SIPAS_DEMO=1; otherwise the caller passes a random one
 * (app/services.server.ts). A real installation never runs the demo seed (SIPAS_NO_DEMO=1, or a directory
 * imported first).
 */
import type { Db } from "../client";
import { hashPasswordSync } from "../../app/auth/password.server";
import { storedRole, type UserRole } from "../../app/auth/roles";
import type { ServiceSector } from "../../app/survey/codes";

export const DEMO_PASSWORD = "sipas-demo-2026";

export const DEMO_USERS: { username: string; displayName: string; role: UserRole; agency?: string; sector?: ServiceSector }[] = [
  { username: "admin", displayName: "Quản trị Sở Nội vụ", role: "admin" },
  { username: "xem", displayName: "Chuyên viên (chỉ xem)", role: "viewer" },
  { username: "tthcc", displayName: "Giám đốc Trung tâm PVHCC", role: "agency", agency: "TTHCC" },
  { username: "soxd", displayName: "Giám đốc Sở Xây dựng", role: "agency", agency: "SO_XD" },
  { username: "ksv", displayName: "Khảo sát viên Bưu điện tỉnh", role: "surveyor" },
  { username: "soyte", displayName: "Chuyên viên Sở Y tế", role: "sector", sector: "health" },
  { username: "sogd", displayName: "Chuyên viên Sở Giáo dục và Đào tạo", role: "sector", sector: "education" },
];

export function seedDemoUsers(db: Db, password = DEMO_PASSWORD): void {
  const agencyId = db.$client.prepare("select id from agencies where code = ?");
  const insert = db.$client.prepare(
    `insert into users (username, display_name, role, agency_id, service_sector, password_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  // One hash for all: scrypt is deliberately slow, and these accounts share one demo password.
  const hash = hashPasswordSync(password);
  for (const u of DEMO_USERS) {
    const agency = u.agency ? ((agencyId.get(u.agency) as { id: number } | undefined)?.id ?? null) : null;
    // A sector department is stored as a viewer with its sector (app/auth/roles.ts).
    insert.run(u.username, u.displayName, storedRole(u.role), agency, u.sector ?? null, hash, Date.now());
  }
}
