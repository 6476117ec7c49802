import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { importProblem } from './importProblems';

const refusal = (status: number, detail: string) =>
  new ApiError(status, { type: 'about:blank', title: 'x', status, detail, errors: [] });

describe('importProblem', () => {
  it("names each refusal and keeps the server's words on what to fix", () => {
    const encoding = 'Tệp không phải văn bản UTF-8. Hãy lưu lại dạng “CSV UTF-8” rồi tải lên lại.';
    expect(importProblem(refusal(415, encoding))).toEqual({
      title: 'Không đọc được tệp',
      detail: encoding,
    });
    expect(importProblem(refusal(413, 'Tệp có hơn 200.000 dòng')).title).toBe(
      'Tệp quá lớn hoặc quá nhiều dòng',
    );
    expect(importProblem(refusal(403, 'Không có quyền thực hiện thao tác này')).title).toBe(
      'Bạn không có quyền nhập loại dữ liệu này',
    );
  });

  it('falls back to plain words when the answer had no problem body', () => {
    expect(importProblem(new ApiError(413, null))).toEqual({
      title: 'Tệp quá lớn hoặc quá nhiều dòng',
      detail: 'Tệp quá lớn để tải lên.',
    });
    expect(importProblem(new ApiError(502, null)).detail).toBe('Máy chủ gặp lỗi, hãy thử lại sau.');
  });
});
