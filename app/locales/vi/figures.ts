/** Per-respondent measures and number questions (dashboard, report, public page), and why a change is not shown (vi). */
export const figures = {
  measuresTitle: "Chỉ số theo từng người trả lời",
  measuresNote:
    "Tỷ lệ người trả lời đạt chỉ số trên số người trả lời được xét (ví dụ: hài lòng với mọi nội dung đã trả lời). Dưới 30 người: chưa đủ số phiếu.",
  measuresCaption: "Chỉ số theo từng người trả lời, {{period}}",
  numbersTitle: "Câu hỏi trả lời bằng số",
  numbersNote: "Trung bình, trung vị và tỷ lệ câu trả lời đạt từ ngưỡng trở lên, trên số người đã trả lời câu hỏi.",
  numbersCaption: "Câu hỏi trả lời bằng số, {{period}}",
  measure: "Chỉ số",
  rate: "Tỷ lệ (%)",
  people: "Số người",
  interval: "Khoảng tin cậy 95 %",
  question: "Câu hỏi",
  mean: "Trung bình",
  median: "Trung vị",
  atLeast: "Từ {{threshold}} trở lên",
  notEnough: "chưa đủ số phiếu",
  previousFew: "Kỳ trước ({{from}} – {{to}}) chưa đủ 30 phiếu: không so sánh.",
  currentFew: "Kỳ này chưa đủ 30 phiếu: không so sánh.",
};
