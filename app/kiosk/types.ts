/** What the kiosk receives from GET /api/v1/kiosk/config and keeps on the tablet (shared by server and browser). */
import type { SurveyDefinition } from "~/survey/definition";

import type { KioskLimits } from "./limits";

export type KioskOfficer = { id: number; name: string; title: string; photo: string | null; hasPin: boolean };

export type KioskConfig = {
  device: { id: number; name: string };
  counter: { code: string; name: string; field: string | null };
  agency: { code: string; name: string };
  officers: KioskOfficer[];
  limits: KioskLimits;
  timing: { thanksSeconds: number; idleSeconds: number };
  survey: SurveyDefinition;
  serverTime: number;
};
