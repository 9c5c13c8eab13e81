/** Counters' QR codes, rotation and posters (vi). */
export const qr = {
  title: "Mã QR các quầy",
};
