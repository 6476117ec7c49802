import { ApiError, errorMessage } from '../../api/problem';

/** What to tell someone whose login failed; the server's own words when it gave them. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Tên đăng nhập hoặc mật khẩu không đúng.';
    if (error.status === 429) {
      return (
        error.problem?.detail ??
        'Đăng nhập sai quá nhiều lần, tài khoản tạm khóa. Hãy thử lại sau ít phút.'
      );
    }
    if (error.status === 400 || error.status === 422) {
      return 'Hãy nhập tên đăng nhập và mật khẩu hợp lệ.';
    }
  }
  return errorMessage(error);
}
