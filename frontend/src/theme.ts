import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b5cad',
    colorLink: '#0b5cad',
    // Ant's default grey for secondary text is below WCAG AA contrast on white.
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)', // 4.9:1 on white (axe: placeholders are text)
    // Ant's red (#ff4d4f) is below AA contrast as a danger button's or an error's text.
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily:
      "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans Symbols', sans-serif",
  },
  components: {
    Layout: { headerBg: '#0b3a6e', siderBg: '#ffffff', headerPadding: '0 16px' },
    // A table's "no data" line is drawn in the disabled grey: too faint to read.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};
