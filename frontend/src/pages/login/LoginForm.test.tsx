import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../../api/problem';
import { LoginForm } from './LoginForm';

function problem(status: number, detail: string) {
  return new ApiError(status, { type: 'about:blank', title: 'x', status, detail, errors: [] });
}

async function fillAndSubmit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Tên đăng nhập'), username);
  await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('LoginForm', () => {
  it('asks for both fields before calling the server', async () => {
    const onLogin = vi.fn();
    render(<LoginForm onLogin={onLogin} />);
    await userEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByText('Hãy nhập tên đăng nhập')).toBeInTheDocument();
    expect(await screen.findByText('Hãy nhập mật khẩu')).toBeInTheDocument();
    expect(onLogin).not.toHaveBeenCalled();
  });

  it('sends the trimmed username and the password as typed', async () => {
    const onLogin = vi.fn().mockResolvedValue(undefined);
    render(<LoginForm onLogin={onLogin} />);
    await fillAndSubmit('  sonv ', 'Demo@2026 ');
    expect(onLogin).toHaveBeenCalledWith('sonv', 'Demo@2026 ');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the username or password is wrong on 401', async () => {
    const onLogin = vi
      .fn()
      .mockRejectedValue(problem(401, 'Tên đăng nhập hoặc mật khẩu không đúng'));
    render(<LoginForm onLogin={onLogin} />);
    await fillAndSubmit('sonv', 'sai');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    );
    // The form can be used again at once.
    expect(screen.getByLabelText('Mật khẩu')).toBeEnabled();
  });

  it('passes on the lockout message of a 429 with its waiting time', async () => {
    const detail = 'Đăng nhập sai quá 5 lần. Hãy thử lại sau 15 phút.';
    render(<LoginForm onLogin={vi.fn().mockRejectedValue(problem(429, detail))} />);
    await fillAndSubmit('sonv', 'sai');
    expect(await screen.findByRole('alert')).toHaveTextContent(detail);
  });

  it('tells that the server cannot be reached when the network fails', async () => {
    render(<LoginForm onLogin={vi.fn().mockRejectedValue(new TypeError('Failed to fetch'))} />);
    await fillAndSubmit('sonv', 'Demo@2026');
    expect(await screen.findByRole('alert')).toHaveTextContent(NETWORK_ERROR);
  });
});
