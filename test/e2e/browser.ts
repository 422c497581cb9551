import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * One Chromium for the calling test file: launched before its tests, closed
 * after them. Returns a getter for use inside tests and later hooks.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not launched yet");
    return browser;
  };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and CSP violations seen so far: a page that works stays silent. */
  problems: string[];
}

/** A fresh profile (its own cookies), fixed locale and clock zone for stable screenshots. */
export async function openPage(browser: Browser, viewport = { width: 1024, height: 800 }): Promise<TestPage> {
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return { context, page, problems };
}
