// The account journeys of a person in a real browser: first administrator, invited contact,
// the block after ten wrong passwords, "Wachtwoord vergeten?" for known and unknown addresses,
// the language switch (also before signing in) and signing out; error pages keep the header. Elements are found by their visible labels and roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { join } from 'node:path';

import { SCREENSHOTS, checkPage, launch, newPage } from '../lib/browser.js';
import { allMail, waitForMail } from '../lib/mail.js';
import { ADMIN_EMAIL, startBalie } from '../lib/server.js';

let balie;
let browser;

before(async () => {
  balie = await startBalie();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await balie?.stop();
});

async function signIn(page, email, password) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

async function setPassword(page, password) {
  await page.getByLabel('Nieuw wachtwoord').fill(password);
  await page.getByLabel('Bevestig wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanpassen' }).click();
}

describe('accounts', () => {
  test('the first administrator sets a password from the one-time link and signs in as agent', async () => {
    const printed = balie.output.join('');
    assert.match(printed, new RegExp(`administrator account was created for ${ADMIN_EMAIL}`));
    const mail = await waitForMail(balie.dataDir, ADMIN_EMAIL);
    assert.equal(mail.subject, 'Uitnodiging voor Zorgsoft Klantportaal');
    assert.ok(printed.includes(mail.link), 'the printed link is the mailed one');

    const page = await newPage(browser);
    await page.goto(mail.link);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Welkom! Stel je wachtwoord in' }).waitFor());
    await checkPage(page, 'password-set-invitation');
    await setPassword(page, 'beheer-2026');
    await page.getByText('Je wachtwoord is ingesteld.').waitFor();
    await checkPage(page, 'password-set-done');
    await page.getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden als agent bij Zorgsoft Klantportaal' }).waitFor();
    await checkPage(page, 'sign-in-agent');
    await signIn(page, ADMIN_EMAIL, 'beheer-2026');
    await page.getByRole('heading', { name: 'Welkom, Portaalbeheerder' }).waitFor();
    await checkPage(page, 'agent-home');
    await page.context().close();
  });

  test('an invited contact sets a password, signs in and sees the Home tab', async () => {
    const mail = await waitForMail(balie.dataDir, 'nieuw@delinde.example');
    assert.match(mail.text, /Stel nog even je wachtwoord in/);
    assert.ok(balie.output.join('').includes(`invitation: ${mail.link}`), 'the demo prints her link too');
    // In a text editor the link reads whole: the text part is 8bit, not cut by soft breaks.
    assert.ok(mail.raw.includes(`\r\n${mail.link}\r\n`), 'the link stands whole on its own line');
    const page = await newPage(browser);
    await page.goto(mail.link);
    await setPassword(page, 'lindeboom');
    await page.getByText('Je wachtwoord is ingesteld.').waitFor();
    await page.getByRole('link', { name: 'Aanmelden' }).click();
    await checkPage(page, 'sign-in');
    await signIn(page, 'nieuw@delinde.example', 'lindeboom');
    await page.getByRole('heading', { name: 'Welkom, Eva' }).waitFor();
    await assert.doesNotReject(page.getByText('Huisartsenpraktijk De Linde').waitFor());
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await assert.doesNotReject(nav.getByRole('link', { name: 'Home' }).waitFor());
    await checkPage(page, 'home');
    await page.getByText('Eva Smit').click();
    await page.getByRole('link', { name: 'Profiel' }).click();
    await page.getByRole('heading', { name: 'Profiel' }).waitFor();
    await assert.doesNotReject(page.getByText('Medewerker klantportal').waitFor());
    await checkPage(page, 'profile');
    await page.context().close();
  });

  test('ten wrong passwords block the account, and a new password lifts the block', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    for (let attempt = 1; attempt <= 10; attempt++) {
      await signIn(page, 'medewerker@delinde.example', 'verkeerd');
      await page.getByRole('alert').filter({ hasText: 'Het e-mailadres of wachtwoord is onjuist.' }).waitFor();
    }
    await checkPage(page, 'sign-in-failed');
    await signIn(page, 'medewerker@delinde.example', 'demo-balie');
    await page.getByRole('alert').filter({ hasText: /Je account is geblokkeerd/ }).waitFor();
    await checkPage(page, 'sign-in-blocked');
    const notice = await waitForMail(balie.dataDir, 'medewerker@delinde.example');
    assert.match(notice.subject, /is geblokkeerd/);

    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { name: 'Een wachtwoord aanvragen' }).waitFor();
    await checkPage(page, 'password-request');
    await page.getByLabel('E-mail').fill('medewerker@delinde.example');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Controleer je e-mail' }).waitFor();
    await checkPage(page, 'password-request-sent');

    const mail = await waitForMail(balie.dataDir, 'medewerker@delinde.example', { count: 2 });
    assert.match(mail.subject, /^Wachtwoord instellen voor/);
    await page.goto(mail.link);
    await page.getByRole('heading', { name: 'Wachtwoord instellen' }).waitFor();
    await setPassword(page, 'kort');
    await page.getByRole('alert').filter({ hasText: 'minimaal 5 tekens' }).waitFor();
    await checkPage(page, 'password-set-error');
    await setPassword(page, 'nieuwe-lente');
    await page.getByText('Je wachtwoord is ingesteld.').waitFor();
    await page.getByRole('link', { name: 'Aanmelden' }).click();
    await signIn(page, 'medewerker@delinde.example', 'nieuwe-lente');
    await page.getByRole('heading', { name: 'Welkom, Pieter' }).waitFor();

    await page.goto(mail.link);
    await page.getByRole('alert').filter({ hasText: 'Deze link is verlopen of al gebruikt' }).waitFor();
    await checkPage(page, 'password-link-used');
    await page.context().close();
  });

  test('an unknown address gets the same answer, and an e-mail saying it is not registered', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await page.getByRole('link', { name: 'Registreren' }).click();
    await page.getByRole('heading', { name: 'Registreren' }).waitFor();
    await checkPage(page, 'register');
    await page.goBack();
    await page.getByRole('link', { name: 'Een wachtwoord aanvragen' }).click();
    await page.getByLabel('E-mail').fill('onbekend@elders.example');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Controleer je e-mail' }).waitFor();
    const mail = await waitForMail(balie.dataDir, 'onbekend@elders.example');
    assert.match(mail.subject, /niet geregistreerd/);
    assert.match(mail.text, /088-123 28 28/);
    assert.equal(mail.link, undefined, 'no password link for an unknown address');
    await page.context().close();
  });

  test('the language switch changes the portal and is remembered at the next sign-in', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await signIn(page, 'beheerder@delinde.example', 'demo-balie');
    await page.getByRole('heading', { name: 'Welkom, Anna' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Welcome, Anna' }).waitFor();
    await checkPage(page, 'home-english');
    await page.getByText('Anna Jansen').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Zorgsoft Klantportaal' }).waitFor();
    await checkPage(page, 'sign-in-english');
    await page.context().close();

    const other = await newPage(browser);
    await other.goto(`${balie.base}/login`);
    await signIn(other, 'beheerder@delinde.example', 'demo-balie');
    await other.getByRole('heading', { name: 'Welcome, Anna' }).waitFor();
    await other.getByRole('button', { name: 'Nederlands' }).click();
    await other.getByRole('heading', { name: 'Welkom, Anna' }).waitFor();
    await other.context().close();

    // English picked on the sign-in page is the person's choice: it stays after signing in.
    const picked = await newPage(browser);
    await picked.goto(`${balie.base}/login`);
    await picked.getByRole('button', { name: 'English' }).click();
    await picked.getByRole('heading', { name: 'Sign in to Zorgsoft Klantportaal' }).waitFor();
    await picked.getByLabel('E-mail', { exact: true }).fill('beheerder@delinde.example');
    await picked.getByLabel('Password', { exact: true }).fill('demo-balie');
    await picked.getByRole('button', { name: 'Sign in' }).click();
    await picked.getByRole('heading', { name: 'Welcome, Anna' }).waitFor();
    await picked.getByRole('button', { name: 'Nederlands' }).click();
    await picked.getByRole('heading', { name: 'Welkom, Anna' }).waitFor();
    await picked.context().close();
  });

  test('on a phone one Menu button opens the tabs, the name menu and the language switch', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await signIn(page, 'beheerder@delinde.example', 'demo-balie');
    await page.getByRole('heading', { name: 'Welkom, Anna' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.waitFor({ state: 'hidden' });
    // "Een aanvraag indienen" stays in the bar, beside the button.
    await page.getByRole('banner').getByRole('link', { name: 'Een aanvraag indienen' }).waitFor();
    const menu = page.locator('summary.menu-button');
    await menu.focus();
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Facturen/Abonnement' }).waitFor();
    await page.getByRole('button', { name: 'English' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-menu-open.png') });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'menu-button');
    await menu.click();
    await nav.getByRole('link', { name: 'Support' }).click();
    await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
    await nav.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  test('signing out ends the session; signed-in pages send a visitor to sign in', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/account`);
    await page.getByRole('heading', { name: 'Aanmelden bij Zorgsoft Klantportaal' }).waitFor();
    await signIn(page, 'medewerkerplus@delinde.example', 'demo-balie');
    await page.getByRole('heading', { name: 'Profiel' }).waitFor();
    await page.getByText('Fatima El Amrani').first().click();
    await page.getByRole('group').getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
    await checkPage(page, 'password-change');
    await page.getByText('Fatima El Amrani').first().click();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij Zorgsoft Klantportaal' }).waitFor();
    await page.goto(`${balie.base}/account`);
    await page.getByRole('heading', { name: 'Aanmelden bij Zorgsoft Klantportaal' }).waitFor();
    await page.context().close();
  });

  test('a contact is refused from agent pages with a friendly page', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await signIn(page, 'beheerder@hetanker.example', 'demo-balie');
    await page.getByRole('heading', { name: 'Welkom, Lotte' }).waitFor();
    const response = await page.goto(`${balie.base}/agent`);
    assert.equal(response.status(), 403);
    await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
    await checkPage(page, 'error-forbidden');
    await page.goto(`${balie.base}/bestaat-niet`);
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    await checkPage(page, 'error-not-found');
    // The header stays: the tabs, and "Afmelden" under the person's name.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Support' }).waitFor();
    await page.getByText('Lotte de Boer').click();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden bij Zorgsoft Klantportaal' }).waitFor();
    await page.context().close();
  });

  test('every mail went out through the mail folder', () => {
    const mails = allMail(balie.dataDir);
    assert.ok(mails.length >= 4, `mails: ${mails.map((m) => m.subject).join(', ')}`);
  });
});
