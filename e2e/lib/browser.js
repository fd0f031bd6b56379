// Debian's Chromium driven by playwright-core, and the checks every visited page passes:
// axe-core (WCAG 2.1 A and AA), at 390 px no horizontal scrolling of the page or of a table and a
// header of at most 80 px, and a screenshot at desktop and phone width.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (cookies of its own) in Dutch, as a Dutch practice manager has. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'nl-NL' });
  return context.newPage();
}

async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's own CSP stays in force.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}

/**
 * Checks the page as it is now and saves its screenshots as `<name>-desktop.png` and
 * `<name>-phone.png`. Throws on an accessibility violation or horizontal scrolling on a phone.
 */
export async function checkPage(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  const violations = await axeViolations(page);
  if (violations.length) {
    throw new Error(`${name} (${page.url()}): accessibility violations\n${JSON.stringify(violations, null, 2)}`);
  }
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${name}: scrolls ${overflow}px sideways at 390 px wide`);
  const header = await page.evaluate(() => document.querySelector('header').getBoundingClientRect().height);
  if (header > 80) throw new Error(`${name}: the header is ${header}px high at 390 px wide`);
  const scrollers = await page.evaluate(() => [...document.querySelectorAll('table')]
    .map((t) => t.closest('.table-wrap') ?? t)
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => `${box.scrollWidth - box.clientWidth}px`));
  if (scrollers.length) throw new Error(`${name}: tables scroll sideways at 390 px wide (${scrollers.join(', ')})`);
  const phoneViolations = await axeViolations(page);
  if (phoneViolations.length) {
    throw new Error(`${name} at phone width: accessibility violations\n${JSON.stringify(phoneViolations, null, 2)}`);
  }
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** Signs in on `path` of the portal at `base` (the customers' page unless told otherwise). */
export async function signIn(page, base, email, { password = 'demo-balie', path = '/login' } = {}) {
  await page.goto(`${base}${path}`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}
