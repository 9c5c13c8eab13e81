/** One rating per dossier, receipt codes, abuse control on the public page (vi). */
export const dossier = {
  codeLabel: "Mã hồ sơ (mã biên nhận)",
};
