/** The form that turns a citizen's comment into a PAKN (staff, /quan-tri/gop-y/<ref>): one zod schema, both sides. */
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const paknFromCommentForm = z
  .object({
    ref: z.string().min(1).max(40),
    received: z.string({ error: "Nhập ngày tiếp nhận." }).regex(DAY, "Ngày tiếp nhận cần dạng YYYY-MM-DD."),
    due: z.string({ error: "Nhập hạn xử lý." }).regex(DAY, "Hạn xử lý cần dạng YYYY-MM-DD."),
    handled: z.string().regex(DAY, "Ngày xử lý xong cần dạng YYYY-MM-DD.").optional(),
    unsatisfied: z.literal("1").optional(),
  })
  .refine((v) => v.due >= v.received, { message: "Hạn xử lý không được ở trước ngày tiếp nhận.", path: ["due"] })
  .refine((v) => !v.handled || v.handled >= v.received, { message: "Ngày xử lý xong không được ở trước ngày tiếp nhận.", path: ["handled"] });
