import { createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * A calm, warm palette. The primary shade (7) is dark enough for white text on filled buttons
 * (contrast above 4.5:1), and the light variants keep dark text on pale backgrounds.
 */
const dusk: MantineColorsTuple = [
  '#eef6f6',
  '#dcebeb',
  '#b6d6d6',
  '#8dc0c0',
  '#6aadad',
  '#52a1a1',
  '#3e8a8a',
  '#2e6e6f',
  '#245a5b',
  '#173f40',
];

const clay: MantineColorsTuple = [
  '#fbf1ec',
  '#f1e1d8',
  '#e3c1ae',
  '#d59f82',
  '#c9825d',
  '#c27046',
  '#a85d37',
  '#8c4c2c',
  '#733e24',
  '#592f1a',
];

export const theme = createTheme({
  primaryColor: 'dusk',
  primaryShade: { light: 7, dark: 4 },
  colors: { dusk, clay },
  autoContrast: true,
  luminanceThreshold: 0.35,
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily: '"Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Times New Roman", serif',
    fontWeight: '600',
  },
  black: '#1f2a2b',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md', withBorder: true } },
    Badge: { defaultProps: { radius: 'sm' } },
    Modal: { defaultProps: { centered: true } },
    Anchor: { defaultProps: { underline: 'always' } },
  },
  other: {
    pageBackground: '#f6f4f0',
  },
});
