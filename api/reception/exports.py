"""CSV columns of the reception and petition lists (Vietnamese headers, as on screen)."""

from operator import attrgetter

from api.common.csv_export import Column

RECEPTION_COLUMNS = [
    Column("Mã", attrgetter("id")),
    Column("Đơn vị (id)", attrgetter("unit_id")),
    Column("Thời điểm tiếp", attrgetter("received_at")),
    Column("Hình thức tiếp", attrgetter("session_type")),
    Column("Người tiếp", attrgetter("receiver_name")),
    Column("Thủ trưởng trực tiếp tiếp", attrgetter("head_in_person")),
    Column("Họ tên công dân", attrgetter("citizen_name")),
    Column("Số CCCD", attrgetter("citizen_id_number")),
    Column("Địa chỉ", attrgetter("citizen_address")),
    Column("Số người", attrgetter("group_size")),
    Column("Đoàn đông người", attrgetter("is_crowd")),
    Column("Lĩnh vực", attrgetter("field")),
    Column("Loại vụ việc", attrgetter("case_type")),
    Column("Nội dung", attrgetter("content")),
    Column("Kết quả", attrgetter("result")),
    Column("Đơn thư (id)", attrgetter("petition_id")),
    Column("Hạn trả lời", attrgetter("reply_due_on")),
]

PETITION_COLUMNS = [
    Column("Mã", attrgetter("id")),
    Column("Đơn vị (id)", attrgetter("unit_id")),
    Column("Ngày nhận", attrgetter("received_on")),
    Column("Nguồn", attrgetter("source")),
    Column("Mã nguồn", attrgetter("external_id")),
    Column("Loại đơn", attrgetter("case_type")),
    Column("Lĩnh vực", attrgetter("field")),
    Column("Người gửi", attrgetter("petitioner_name")),
    Column("Số CCCD", attrgetter("petitioner_id_number")),
    Column("Địa chỉ", attrgetter("petitioner_address")),
    Column("Tóm tắt", attrgetter("summary")),
    Column("Trạng thái", attrgetter("status")),
    Column("Hạn xử lý", attrgetter("due_on")),
    Column("Quá hạn", attrgetter("overdue")),
    Column("Kéo dài", attrgetter("prolonged")),
    Column("Vượt cấp", attrgetter("over_level")),
    Column("Số quyết định", attrgetter("decision_number")),
    Column("Ngày quyết định", attrgetter("decision_date")),
]
