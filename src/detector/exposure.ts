/**
 * Variables that bundlers inline into client-side JavaScript: whatever is assigned to them is
 * downloaded by every visitor. Each prefix is from the framework's environment-variable docs.
 */
export const BROWSER_PREFIXES: Readonly<Record<string, string>> = {
  NEXT_PUBLIC_: 'Next.js',
  VITE_: 'Vite',
  REACT_APP_: 'Create React App',
  EXPO_PUBLIC_: 'Expo',
  NUXT_PUBLIC_: 'Nuxt',
  GATSBY_: 'Gatsby',
  VUE_APP_: 'Vue CLI',
  STORYBOOK_: 'Storybook',
  PUBLIC_: 'SvelteKit/Astro',
};

const ASSIGNED = new RegExp(
  `(?:^|[^A-Za-z0-9_])((${Object.keys(BROWSER_PREFIXES).join('|')})[A-Z0-9_]*)["'\\]]?\\s*(?::=|=>|=|:|\\?\\?|\\|\\|)\\s*["'\`]?$`,
);

export interface Exposure {
  variable: string;
  prefix: string;
  framework: string;
}

/** The browser-exposed variable a value at `column` (0-based) of `line` is assigned to, if any. */
export function browserExposure(line: string, column: number): Exposure | undefined {
  const m = ASSIGNED.exec(line.slice(Math.max(0, column - 200), column));
  if (!m) return undefined;
  return { variable: m[1]!, prefix: m[2]!, framework: BROWSER_PREFIXES[m[2]!]! };
}
