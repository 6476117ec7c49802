import { ApiError, errorMessage } from '../../api/problem';

// Titles for the refusals of `POST /imports/{kind}`; the server's detail says what to fix.
const TITLES: Record<number, string> = {
  403: 'Bạn không có quyền nhập loại dữ liệu này',
  413: 'Tệp quá lớn hoặc quá nhiều dòng',
  415: 'Không đọc được tệp',
  422: 'Tệp không hợp lệ',
};

export function importProblem(error: unknown): { title: string; detail: string } {
  const title = error instanceof ApiError ? TITLES[error.status] : undefined;
  return { title: title ?? 'Không nhập được tệp', detail: errorMessage(error) };
}
