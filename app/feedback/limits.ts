/**
 * The follow-up of citizens' comments: statuses, limits and filter values, shared by the server and the
 * page (which states the limits it is held to). Plain constants: no database code reaches the browser from
 * here; the check of a change is change.ts.
 */

/** The same list as `COMMENT_STATUSES` of db/publishing-schema.ts (checked in follow-up.server.ts). */
export const STATUSES = ["moi", "dang_xu_ly", "da_tra_loi"] as const;
export type CommentStatus = (typeof STATUSES)[number];

export const REPLY_MAX = 2000;
export const TAG_MAX = 40;
export const TAGS_PER_COMMENT = 10;
export const REASON_MAX = 200;
export const COMMENTS_PAGE = 20;

/** Ratings of the overall question a list can be filtered by (satisfied codes come from the scale). */
export const RATING_FILTERS = ["hai-long", "chua-hai-long", "khong"] as const;
export type RatingFilter = (typeof RATING_FILTERS)[number];

/** The overall question of each survey (docs/contracts.md): what "rating" means in the filters. */
export const OVERALL_QUESTION: Record<string, string> = { "danh-gia-ho-so": "TONG_THE", sipas: "HL_CHUNG" };
