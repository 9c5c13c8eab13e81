/** One rating per dossier, receipt codes, abuse control on the public page (vi). */
export const dossier = {
  codeLabel: "Mã hồ sơ (mã biên nhận)",
  codeHint: "Không bắt buộc. Ghi trên giấy biên nhận; mỗi hồ sơ được đánh giá một lần.",
  invalidCode: "Mã hồ sơ gồm 4–40 ký tự: chữ, số, dấu gạch ngang (-), gạch chéo (/) hoặc dấu chấm (.).",
  unknownCode: "Không tìm thấy hồ sơ có mã này. Xin Ông/Bà kiểm tra lại mã trên giấy biên nhận.",
  alreadyRated: "Hồ sơ này đã được đánh giá. Cảm ơn Ông/Bà.",
  alreadyRatedApi: "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ nhận một đánh giá.",
  alreadyRatedDetails: "Hồ sơ có mã này đã được đánh giá trước đó, nên các ý kiến thêm chưa được ghi. Xin xóa mã hồ sơ rồi bấm «Gửi thêm ý kiến».",
  honeypotLabel: "Để trống ô này (dành cho kiểm tra tự động)",
};
