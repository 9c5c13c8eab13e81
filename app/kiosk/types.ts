/** What the kiosk receives from GET /api/v1/kiosk/config and keeps on the tablet (shared by server and browser). */
import type { DeviceLanguage } from "~/languages/device";
import type { SurveyDefinition } from "~/survey/definition";

import type { KioskLimits } from "./limits";

export type KioskOfficer = { id: number; name: string; title: string; photo: string | null; hasPin: boolean };

export type KioskConfig = {
  device: { id: number; name: string };
  /**
   * `field`: the counter's field when it serves exactly one (the rating carries it without asking); `fields`:
   * every field it serves, asked as large buttons when there are several (older tablets read only `field`).
   */
  counter: { code: string; name: string; field: string | null; fields: { code: string; name: string }[] };
  agency: { code: string; name: string };
  officers: KioskOfficer[];
  limits: KioskLimits;
  timing: { thanksSeconds: number; idleSeconds: number };
  survey: SurveyDefinition;
  serverTime: number;
  /** Enabled added languages (docs/decisions/0023); absent from servers before them. */
  languages?: DeviceLanguage[];
  /** Vietnamese recordings by text key. */
  voices?: Record<string, string>;
};
