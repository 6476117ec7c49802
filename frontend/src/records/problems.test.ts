import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { fieldErrors, saveFailure } from './problems';

function invalid(errors: object[]) {
  return new ApiError(422, {
    type: 'urn:dvcq:problem:validation-error',
    title: 'Dữ liệu không hợp lệ',
    status: 422,
    detail: 'Kiểm tra lại các trường',
    errors: errors as { [key: string]: unknown }[],
  });
}

describe('field errors of a 422', () => {
  it('puts each error (worded by the API) under the field its loc names', () => {
    const error = invalid([
      {
        loc: ['body', 'until'],
        msg: 'Ngày thôi phụ trách không được trước ngày bắt đầu',
        type: 'value_error',
      },
      {
        loc: ['body', 'full_name'],
        msg: 'Cần ít nhất 1 ký tự',
        type: 'string_too_short',
      },
      {
        loc: ['body', 'code'],
        msg: 'Dài quá 32 ký tự',
        type: 'string_too_long',
      },
      { loc: ['body', 'kind'], msg: 'Thiếu giá trị', type: 'missing' },
    ]);
    expect(fieldErrors(error, ['until', 'full_name', 'code', 'kind'])).toEqual({
      fields: [
        { name: ['until'], errors: ['Ngày thôi phụ trách không được trước ngày bắt đầu'] },
        { name: ['full_name'], errors: ['Cần ít nhất 1 ký tự'] },
        { name: ['code'], errors: ['Dài quá 32 ký tự'] },
        { name: ['kind'], errors: ['Thiếu giá trị'] },
      ],
      other: [],
    });
  });

  it('keeps errors of fields the form does not have apart', () => {
    const error = invalid([
      { loc: ['body', 'email'], msg: 'Thư điện tử không hợp lệ', type: 'value_error' },
      { loc: ['body', 'tasks', 0, 'title'], msg: 'Thiếu giá trị', type: 'missing' },
      { loc: ['query', 'sort'], msg: '', type: 'value_error' },
    ]);
    expect(fieldErrors(error, ['email'])).toEqual({
      fields: [{ name: ['email'], errors: ['Thư điện tử không hợp lệ'] }],
      other: ['tasks.0.title: Thiếu giá trị', 'query.sort: Giá trị không hợp lệ'],
    });
  });

  it('a nested loc goes to its top field when the form has it', () => {
    const msg = "Giá trị không hợp lệ; chọn một trong: 'units:read'";
    const error = invalid([{ loc: ['body', 'scopes', 1], msg, type: 'enum' }]);
    expect(fieldErrors(error, ['scopes']).fields).toEqual([{ name: ['scopes'], errors: [msg] }]);
  });

  it('a 422 without errors is one message', () => {
    expect(fieldErrors(invalid([]), ['code'])).toEqual({
      fields: [],
      other: ['Kiểm tra lại các trường'],
    });
  });
});

describe('sorting a failed save', () => {
  it('a stale version (412) is the reload message', () => {
    const stale = new ApiError(412, {
      type: 'urn:dvcq:problem:stale-version',
      title: 'Bản ghi đã bị người khác sửa — hãy tải lại',
      status: 412,
      detail: 'Bản ghi đang ở phiên bản 3, yêu cầu dựa trên phiên bản 2',
      errors: [],
    });
    expect(saveFailure(stale, [])).toEqual({ kind: 'stale' });
  });

  it('a conflict (409) keeps the API’s reason', () => {
    const conflict = new ApiError(409, {
      type: 'urn:dvcq:problem:conflict',
      title: 'Xung đột dữ liệu',
      status: 409,
      detail: "Tên đăng nhập 'a' đã được dùng",
      errors: [],
    });
    expect(saveFailure(conflict, [])).toEqual({
      kind: 'conflict',
      detail: "Tên đăng nhập 'a' đã được dùng",
    });
  });

  it('anything else is shown as it is', () => {
    const failure = saveFailure(new TypeError('Failed to fetch'), []);
    expect(failure.kind).toBe('other');
  });
});
