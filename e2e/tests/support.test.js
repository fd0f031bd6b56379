// "Support" in a real browser: a Medewerker submits a "Foutmelding", follows it on the ticket
// page, adds to the conversation and marks it solved; the confirmation mail arrives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkPage, launch, newPage } from '../lib/browser.js';
import { waitForMail } from '../lib/mail.js';
import { startBalie } from '../lib/server.js';

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

describe('support', () => {
  test('a Medewerker submits a Foutmelding and follows it', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await page.getByLabel('E-mail', { exact: true }).fill('medewerker@delinde.example');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('demo-balie');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Support' }).click();
    await page.getByRole('heading', { name: 'Support', exact: true }).waitFor();
    await checkPage(page, 'support');
    await page.getByRole('link', { name: /Foutmelding/ }).click();
    await page.getByRole('heading', { name: 'Foutmelding' }).waitFor();
    await page.getByLabel('Onderwerp').fill('Agenda blijft leeg');
    await page.getByLabel('Omschrijving').fill('Sinds de update van vanochtend zie ik geen afspraken meer.');
    // The browser itself asks for the main category first (the server refuses it too).
    await page.getByRole('button', { name: 'Verzenden' }).click();
    assert.equal(await page.getByLabel('Hoofdcategorie').evaluate((el) => el.validity.valid), false);
    await page.getByLabel('Hoofdcategorie').selectOption({ label: 'Techniek' });
    await checkPage(page, 'support-new');
    await page.getByLabel('Fatima El Amrani').check();
    await page.getByRole('button', { name: 'Verzenden' }).click();
    await page.getByText('Je aanvraag is verstuurd.').waitFor();
    await page.getByRole('heading', { name: 'Agenda blijft leeg' }).waitFor();
    await checkPage(page, 'ticket');

    const mail = await waitForMail(balie.dataDir, 'medewerker@delinde.example');
    assert.match(mail.subject, /^\[#\d+\] We hebben je aanvraag ontvangen: Agenda blijft leeg$/);
    await waitForMail(balie.dataDir, 'medewerkerplus@delinde.example');

    await page.getByLabel('Je reactie').fill('Ook op de laptop van de assistente.');
    await page.getByRole('button', { name: 'Toevoegen aan gesprek' }).click();
    await page.getByText('Je reactie is toegevoegd.').waitFor();
    await page.getByRole('button', { name: 'Markeren als opgelost' }).click();
    await page.getByText('Het ticket is gemarkeerd als opgelost.').waitFor();
    await page.getByText('Opgelost', { exact: true }).waitFor();
    await page.goto(`${balie.base}/support`);
    await page.getByRole('link', { name: 'Agenda blijft leeg' }).waitFor();
    await page.context().close();
  });
});
