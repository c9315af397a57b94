// A brand's look applied to the whole page through CSS custom properties.
export interface Theme {
  readonly logoText: string;
  readonly primary: string;
  readonly accent: string;
  readonly background: string;
  readonly text: string;
}

export function applyTheme(theme: Theme | null): void {
  const root = document.documentElement.style;
  if (!theme) {
    for (const key of ["--brand-primary", "--brand-accent", "--brand-bg", "--brand-text"])
      root.removeProperty(key);
    return;
  }
  root.setProperty("--brand-primary", theme.primary);
  root.setProperty("--brand-accent", theme.accent);
  root.setProperty("--brand-bg", theme.background);
  root.setProperty("--brand-text", theme.text);
}
