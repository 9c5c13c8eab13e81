/**
 * The size of the demo province's data (measured: 12 000 responses over 550 days give the last complete quarter
 * at least 40 ratings for every one of the 19 agencies and for each target field, and ~8 s of seeding).
 */
export const DEMO_RESPONSES = 12_000;
export const DEMO_DAYS = 550;
