/** The error pages of the staff area, the kiosk and the surveyor app (vi): what happened, what to do. */
export const errors = {
  title_staff: "Trang này đang gặp lỗi",
  title_kiosk: "Máy đánh giá đang gặp sự cố",
  title_field: "Ứng dụng đang gặp sự cố",
  unexpected: "Đã xảy ra một lỗi ngoài dự kiến, không phải do thao tác của Ông/Bà.",
  notFound: "Không có trang hoặc mục này: địa chỉ không đúng, hoặc mục đã bị xóa.",
  todo_staff: "Xin tải lại trang. Nếu vẫn lỗi, xin báo quản trị hệ thống trang đang mở và thời điểm gặp lỗi.",
  todo_staff_ref:
    "Xin thử lại sau ít phút. Nếu vẫn lỗi, xin báo quản trị hệ thống mã tham chiếu dưới đây: với mã này họ tìm được chi tiết lỗi trong nhật ký máy chủ.",
  todo_staff_refused: "Xin chọn lại từ thanh điều hướng ở trên, hoặc quay lại trang trước.",
  todo_kiosk:
    "Các đánh giá đã lưu trên máy không bị mất. Xin mời báo cán bộ tại quầy: cán bộ chạm «Tải lại» để mở lại màn hình đánh giá; nếu vẫn lỗi, báo quản trị hệ thống.",
  todo_kiosk_ref:
    "Các đánh giá đã lưu trên máy không bị mất. Xin mời báo cán bộ tại quầy: cán bộ chạm «Tải lại» để mở lại màn hình đánh giá; nếu vẫn lỗi, báo quản trị hệ thống mã tham chiếu dưới đây.",
  todo_kiosk_refused: "Xin mời báo cán bộ tại quầy: cán bộ chạm «Tải lại» để mở lại màn hình đánh giá.",
  todo_field: "Các phiếu đã lưu trên máy không bị mất. Chạm «Tải lại»; nếu vẫn lỗi, báo người giám sát.",
  todo_field_ref: "Các phiếu đã lưu trên máy không bị mất. Chạm «Tải lại»; nếu vẫn lỗi, báo người giám sát mã tham chiếu dưới đây.",
  todo_field_refused: "Chạm «Tải lại»; nếu vẫn không mở được, báo người giám sát.",
  reference: "Mã tham chiếu:",
  reload: "Tải lại",
};
