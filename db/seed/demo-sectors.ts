/**
 * The demo's health facilities and schools (units of a service sector, ADR 0021) answer their sector's surveys:
 * QĐ 56's outpatient, inpatient and immunisation forms at the hospital, the health centre and the commune health
 * station, one Bộ GD&ĐT form per school level. They have no counter (patients and parents answer on paper or on
 * the web), so the counter ratings and SIPAS interviews of the demo are drawn exactly as before.
 *
 * Enough for the last complete quarter to be read at every unit (≥ 30 answers, docs/method.md) and compared with
 * the quarter before, at the demo's size: the responses lie in those two quarters and the current one only, which
 * keeps the seeding time of `npm start` close to what it was (ADR 0021: measured).
 */
import type { Db } from "../client";
import type { SurveyRegistry } from "../../app/survey/registry.server";
import type { Channel } from "../../app/survey/codes";
import { agencyLevel, answersFor, ingestBodies, officeInstant, prng, uuidV7, type SyntheticResponse } from "./generate";
import { addDays, periodKey, periodRange, previousPeriodKey, vietnamDay } from "../../app/method/period";
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

/**
 * Responses per unit and survey in each of the two whole quarters before the current one (and pro rata in the
 * current quarter so far) at the demo's full size: ≥ 30, so that the last complete quarter reads at every unit
 * and its change from the quarter before is shown.
 */
export const SECTOR_RESPONSES_PER_QUARTER = 32;

/** The days of the window, by quarter: the one before the last complete one, the last complete one, the current one so far. */
function windowSegments(today: string, perQuarter: number): { from: string; days: number; perPair: number }[] {
  const current = periodKey(today, "quarter");
  const last = previousPeriodKey(current);
  const dayCount = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  const whole = [previousPeriodKey(last), last]
    .map((q) => periodRange(q))
    .map(({ from, to }) => ({ from, days: dayCount(from, to), perPair: perQuarter }));
  const { from, to } = periodRange(current);
  const elapsed = dayCount(from, today);
  return [...whole, { from, days: elapsed, perPair: Math.round((perQuarter * elapsed) / dayCount(from, to)) }];
}

/** Patients fill in paper forms more often, parents and pupils a web form. */
const channelOf = (survey: string, rand: () => number): Channel => (rand() < (survey.startsWith("y-te") ? 0.6 : 0.3) ? "paper" : "web");

/** Bodies of every unit and survey, interleaved in time order (oldest first), as the API would receive them. */
function* sectorBodies(surveys: SurveyRegistry, perQuarter: number, now: number, seed: number): Generator<SyntheticResponse> {
  const rand = prng(seed);
  const pairs = sectorPairs(surveys);
  const today = vietnamDay(now);
  const daysAgo = (day: string) => (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
  for (const segment of windowSegments(today, perQuarter)) {
    const total = pairs.length * segment.perPair;
    for (let i = 0; i < total; i++) {
      const { agency, survey } = pairs[i % pairs.length]!;
      const submittedAt = officeInstant(now, daysAgo(addDays(segment.from, Math.floor((i * segment.days) / total))), rand);
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
}

const sectorPairs = (surveys: SurveyRegistry) =>
  DEMO_SECTOR_UNITS.flatMap((u) => u.surveys.filter((s) => surveys.has(s)).map((survey) => ({ agency: u.agency, survey })));

/** Stores the sector units' responses, scaled with the demo's size (at least 3 per unit, survey and whole quarter). */
export function generateSectorResponses(db: Db, surveys: SurveyRegistry, { responses = DEMO_RESPONSES, seed = 2025, now = Date.now() } = {}) {
  const perQuarter = Math.max(3, Math.round((SECTOR_RESPONSES_PER_QUARTER * responses) / DEMO_RESPONSES));
  const count = sectorPairs(surveys).length * windowSegments(vietnamDay(now), perQuarter).reduce((n, s) => n + s.perPair, 0);
  return ingestBodies(db, surveys, sectorBodies(surveys, perQuarter, now, seed + 1), { count, now });
}
