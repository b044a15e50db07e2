import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Flags Chromium needs here: root, no GPU, and a closed network that background services would keep knocking at. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const executablePath = (): string =>
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p)) ??
  '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own cookies), as one person on one machine. */
export async function openBrowser(locale = 'fr-FR'): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'agrement-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executablePath(),
    headless: true,
    args: FLAGS,
    locale,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'agrement-demo';

const SIGN_IN_FORM = {
  fr: { email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Se connecter' },
  en: { email: 'Email', password: 'Password', submit: 'Sign in' },
} as const;

/** Signs in through the real form, in the language the page speaks (French unless the person chose English). */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
  language: keyof typeof SIGN_IN_FORM = 'fr',
): Promise<void> {
  const form = SIGN_IN_FORM[language];
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(form.email).fill(email);
  await page.getByLabel(form.password).fill(password);
  await page.getByRole('button', { name: form.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Chooses the option whose text matches; the list may still be loading, so it waits for it (15 s at most). */
export async function chooseOption(select: Locator, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const options = await select.locator('option').allInnerTexts();
    const label = options.find((o) => pattern.test(o));
    if (label) return void (await select.selectOption({ label }));
    if (Date.now() > deadline) throw new Error(`no option ${pattern} in ${options.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
