/**
 * The demo's health facilities and schools (units of a service sector, ADR 0021) answer their sector's surveys:
 * QĐ 56's outpatient, inpatient and immunisation forms at the hospital, the health centre and the commune health
 * station, one Bộ GD&ĐT form per school level. They have no counter (patients and parents answer on paper or on
 * the web), so the counter ratings and SIPAS interviews of the demo are drawn exactly as before.
 *
 * Enough for the last complete quarter to be read at every unit (≥ 30 answers, docs/method.md) and compared with
 * the quarter before, at the demo's size: the responses lie in the last SECTOR_DAYS days only, which keeps the
 * seeding time of `npm start` close to what it was (README, ADR 0021: measured).
 */
import type { Db } from "../client";
import type { SurveyRegistry } from "../../app/survey/registry.server";
import type { Channel } from "../../app/survey/codes";
import { agencyLevel, answersFor, ingestBodies, officeInstant, prng, uuidV7, type SyntheticResponse } from "./generate";
import { DEMO_RESPONSES } from "./demo-size";

/** Each unit of a sector in demo-directory.json and the surveys its people answer. */
export const DEMO_SECTOR_UNITS: readonly { agency: string; surveys: readonly string[] }[] = [
  { agency: "BV_DK_TINH", surveys: ["y-te", "y-te-noi-tru"] },
  { agency: "TTYT_TUAN_GIAO", surveys: ["y-te", "y-te-noi-tru", "y-te-tiem-chung"] },
  { agency: "TYT_MUONG_ANG", surveys: ["y-te", "y-te-tiem-chung"] },
  { agency: "MN_HOA_BAN", surveys: ["giao-duc-mam-non"] },
  { agency: "TH_MUONG_THANH", surveys: ["giao-duc-tieu-hoc"] },
  { agency: "THCS_TUAN_GIAO", surveys: ["giao-duc-thcs"] },
  { agency: "THPT_PHAN_DINH_GIOT", surveys: ["giao-duc-thpt"] },
];

/** The window of the sector responses: the current quarter, the last complete one and the one before. */
export const SECTOR_DAYS = 200;
/** Responses per unit and survey at the demo's full size (~41 in each whole quarter of the window). */
export const SECTOR_RESPONSES_PER_SURVEY = 90;

/** Patients fill in paper forms more often, parents and pupils a web form. */
const channelOf = (survey: string, rand: () => number): Channel => (rand() < (survey.startsWith("y-te") ? 0.6 : 0.3) ? "paper" : "web");

/** Bodies of every unit and survey, interleaved in time order (oldest first), as the API would receive them. */
function* sectorBodies(surveys: SurveyRegistry, perSurvey: number, now: number, seed: number): Generator<SyntheticResponse> {
  const rand = prng(seed);
  const pairs = DEMO_SECTOR_UNITS.flatMap((u) => u.surveys.filter((s) => surveys.has(s)).map((survey) => ({ agency: u.agency, survey })));
  const total = pairs.length * perSurvey;
  for (let i = 0; i < total; i++) {
    const { agency, survey } = pairs[i % pairs.length]!;
    const submittedAt = officeInstant(now, SECTOR_DAYS - 1 - Math.floor((i * SECTOR_DAYS) / total), rand);
    yield {
      id: uuidV7(Date.parse(submittedAt), rand),
      survey,
      agency,
      channel: channelOf(survey, rand),
      submittedAt,
      locale: "vi",
      answers: answersFor(surveys.get(survey)!.def, rand, agencyLevel(agency)),
    };
  }
}

/** Stores the sector units' responses, scaled with the demo's size (at least 3 per unit and survey). */
export function generateSectorResponses(db: Db, surveys: SurveyRegistry, { responses = DEMO_RESPONSES, seed = 2025, now = Date.now() } = {}) {
  const perSurvey = Math.max(3, Math.round((SECTOR_RESPONSES_PER_SURVEY * responses) / DEMO_RESPONSES));
  const count = DEMO_SECTOR_UNITS.reduce((n, u) => n + u.surveys.filter((s) => surveys.has(s)).length, 0) * perSurvey;
  return ingestBodies(db, surveys, sectorBodies(surveys, perSurvey, now, seed + 1), { count, now });
}
