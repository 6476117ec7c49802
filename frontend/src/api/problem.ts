import type { components } from './schema';

export type ProblemDetail = components['schemas']['ProblemDetail'];

// Shown when the server gave no problem+json of its own (a proxy's error page, a dropped line).
const FALLBACK_BY_STATUS: Record<number, string> = {
  401: 'Phiên đăng nhập đã hết, hãy đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu yêu cầu.',
  413: 'Tệp quá lớn để tải lên.',
  415: 'Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc Excel (.xlsx).',
  429: 'Quá nhiều yêu cầu, hãy thử lại sau ít phút.',
};
const SERVER_ERROR = 'Máy chủ gặp lỗi, hãy thử lại sau.';
export const NETWORK_ERROR = 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.';

/** An answer of the API other than 2xx, with its problem+json body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetail | null;

  constructor(status: number, problem: ProblemDetail | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export function isProblem(body: unknown): body is ProblemDetail {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { status?: unknown }).status === 'number' &&
    typeof (body as { title?: unknown }).title === 'string'
  );
}

/** The sentence to show a person for any error a request may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status >= 500) return SERVER_ERROR;
    const detail = error.problem?.detail || error.problem?.title;
    return detail || FALLBACK_BY_STATUS[error.status] || SERVER_ERROR;
  }
  if (error instanceof TypeError) return NETWORK_ERROR;
  return SERVER_ERROR;
}
