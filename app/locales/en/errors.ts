import type { errors as vi } from "../vi/errors";
import type { Shape } from "../shape";

export const errors = {
  title_staff: "This page ran into an error",
  title_kiosk: "The rating tablet ran into a problem",
  title_field: "The app ran into a problem",
  unexpected: "An unexpected error happened; it was not caused by anything you did.",
  notFound: "There is no such page or item: the address is wrong, or the item was deleted.",
  todo_staff: "Please reload the page. If the error persists, tell the system administrator which page was open and when.",
  todo_staff_ref:
    "Please try again in a few minutes. If the error persists, give the system administrator the reference below: with it they find the details in the server's log.",
  todo_staff_refused: "Please choose again from the navigation above, or go back to the previous page.",
  todo_kiosk:
    "Ratings saved on this tablet are not lost. Please tell the officer at the counter: tapping «Reload» opens the rating screen again; if the error persists, tell the system administrator.",
  todo_kiosk_ref:
    "Ratings saved on this tablet are not lost. Please tell the officer at the counter: tapping «Reload» opens the rating screen again; if the error persists, give the system administrator the reference below.",
  todo_kiosk_refused: "Please tell the officer at the counter: tapping «Reload» opens the rating screen again.",
  todo_field: "Interviews saved on this tablet are not lost. Tap «Reload»; if the error persists, tell your supervisor.",
  todo_field_ref: "Interviews saved on this tablet are not lost. Tap «Reload»; if the error persists, give your supervisor the reference below.",
  todo_field_refused: "Tap «Reload»; if the page still does not open, tell your supervisor.",
  reference: "Reference:",
  reload: "Reload",
} satisfies Shape<typeof vi>;
