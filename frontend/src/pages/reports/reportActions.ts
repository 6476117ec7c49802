import type { ActionSpec } from '../../components/ActionsPanel';
import type { ReportActionName } from './api';

/** What each action of a report needs; the buttons themselves come from `allowed_actions`. */
export const REPORT_ACTION_SPECS: Partial<Record<ReportActionName, ActionSpec>> = {
  refresh: {
    fields: [],
    description:
      'Tính lại số liệu của báo cáo từ dữ liệu hiện có trong hệ thống (nội dung đã viết được giữ nguyên).',
  },
  submit: {
    fields: [],
    description:
      'Gửi báo cáo đến Sở Nội vụ. Số liệu được chốt tại thời điểm gửi; phần nội dung đã lưu được gửi kèm.',
  },
  resubmit: {
    fields: [],
    description: 'Gửi lại báo cáo đã bổ sung, chỉnh sửa đến Sở Nội vụ.',
  },
  accept: {
    fields: [],
    description: 'Tiếp nhận báo cáo; sau khi tiếp nhận, báo cáo chỉ còn được xem.',
  },
  return: {
    danger: true,
    description: 'Trả lại báo cáo để đơn vị bổ sung, chỉnh sửa.',
    fields: [
      {
        name: 'comment',
        label: 'Nội dung cần bổ sung, chỉnh sửa',
        kind: 'textarea',
        required: true,
        maxLength: 4000,
      },
    ],
  },
  reopen: {
    danger: true,
    description: 'Mở lại báo cáo đã tiếp nhận và trả về đơn vị (được ghi nhật ký).',
    fields: [
      { name: 'reason', label: 'Lý do mở lại', kind: 'textarea', required: true, maxLength: 4000 },
    ],
  },
};
