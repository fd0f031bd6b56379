// "Mijn organisatie" and "Facturen/Abonnement" in a real browser: a Beheerder adds a contact who
// then sets a password and signs in with the right tabs, a Medewerker never sees the billing tab,
// a Beheerder reads an invoice and asks for a subscription change, and an agent switches
// "Aanvragen vanuit de organisatie".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkPage, launch, newPage, signIn } from '../lib/browser.js';
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


function tabs(page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

describe('organisation and billing', () => {
  test('a Beheerder adds a contact, who sets a password and signs in with the right tabs', async () => {
    const page = await newPage(browser);
    await signIn(page, balie.base, 'beheerder@delinde.example');
    await tabs(page).getByRole('link', { name: 'Mijn organisatie' }).click();
    await page.getByRole('heading', { name: 'Mijn organisatie' }).waitFor();
    await checkPage(page, 'organisation-hub');
    await page.getByRole('link', { name: /Organisatie Bekijk/ }).click();
    await page.getByRole('heading', { name: 'Organisatie', exact: true }).waitFor();
    await checkPage(page, 'organisation-details');
    await page.getByRole('link', { name: 'Aanpassen' }).click();
    await checkPage(page, 'organisation-details-edit');
    await page.getByRole('link', { name: 'Annuleren' }).click();
    await page.goto(`${balie.base}/organisation/contacts`);
    await page.getByRole('heading', { name: 'Contactpersonen' }).waitFor();
    await checkPage(page, 'contacts');

    await page.getByRole('link', { name: 'Contactpersoon toevoegen' }).click();
    await page.getByLabel('Voornaam').fill('Daan');
    await page.getByLabel('Achternaam').fill('Vermeulen');
    await page.getByLabel('Man', { exact: true }).check();
    // Medewerker+ switches Medewerker on with it (the page's small script; the server checks too).
    await page.getByLabel('Medewerker klantportal', { exact: true }).uncheck();
    await page.getByLabel('Medewerker+ klantportal').check();
    assert.equal(await page.getByLabel('Medewerker klantportal', { exact: true }).isChecked(), true);
    await page.getByLabel('E-mail portaltoegang').fill('daan@delinde.example');
    await checkPage(page, 'contact-new');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByText('ontvangt een uitnodiging per e-mail').waitFor();
    await checkPage(page, 'contact');

    const mail = await waitForMail(balie.dataDir, 'daan@delinde.example');
    const daan = await newPage(browser);
    await daan.goto(mail.link);
    await daan.getByLabel('Nieuw wachtwoord').fill('lentebries');
    await daan.getByLabel('Bevestig wachtwoord').fill('lentebries');
    await daan.getByRole('button', { name: 'Aanpassen' }).click();
    await daan.getByText('Je wachtwoord is ingesteld.').waitFor();
    await signIn(daan, balie.base, 'daan@delinde.example', { password: 'lentebries' });
    await daan.getByRole('heading', { name: 'Welkom, Daan' }).waitFor();
    assert.equal(await tabs(daan).getByRole('link', { name: 'Mijn organisatie' }).count(), 1);
    assert.equal(await tabs(daan).getByRole('link', { name: 'Facturen/Abonnement' }).count(), 0);
    await daan.context().close();
    await page.context().close();
  });

  test('a Medewerker never sees Facturen/Abonnement and edits only personal data', async () => {
    const page = await newPage(browser);
    await signIn(page, balie.base, 'medewerker@delinde.example');
    await page.getByRole('heading', { name: 'Welkom, Pieter' }).waitFor();
    assert.equal(await tabs(page).getByRole('link', { name: 'Facturen/Abonnement' }).count(), 0);
    const response = await page.goto(`${balie.base}/billing`);
    assert.equal(response.status(), 403);
    await page.goto(`${balie.base}/organisation`);
    assert.equal(await page.getByRole('link', { name: /Contactpersonen/ }).count(), 0);
    await page.getByRole('link', { name: /Persoonlijke gegevens/ }).click();
    await page.getByRole('heading', { name: 'Persoonlijke gegevens' }).waitFor();
    await checkPage(page, 'personal');
    await page.getByRole('link', { name: 'Aanpassen' }).click();
    await page.getByLabel('Telefoon').fill('06-98765432');
    await page.getByLabel('Bevestig met je wachtwoord van het portaal').fill('demo-balie');
    await checkPage(page, 'personal-edit');
    await page.getByRole('button', { name: 'Aanpassen' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await page.getByText('06-98765432').waitFor();
    await page.context().close();
  });

  test('a Beheerder reads invoices, downloads a PDF and asks for a subscription change', async () => {
    const page = await newPage(browser);
    await signIn(page, balie.base, 'beheerder@delinde.example');
    await tabs(page).getByRole('link', { name: 'Facturen/Abonnement' }).click();
    await page.getByRole('heading', { name: 'Facturen/Abonnement' }).waitFor();
    await page.getByText('€ 196,45').first().waitFor();
    await checkPage(page, 'billing');
    await page.getByRole('link', { name: '2026-0142' }).click();
    await page.getByRole('heading', { name: 'Factuur 2026-0142' }).waitFor();
    await checkPage(page, 'invoice');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als PDF' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'factuur-2026-0142.pdf');

    await page.goto(`${balie.base}/billing`);
    await page.getByRole('link', { name: 'Abonnement wijzigen' }).click();
    await page.getByLabel('Onderwerp').fill('Twee extra licenties');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ik ga akkoord met de extra kosten' }).waitFor();
    // The summary of what to fix has the focus, links to the switch, and the address is the
    // form's own again, so reloading does not send it once more.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-error');
    assert.equal(new URL(page.url()).pathname, '/billing/change');
    await page.reload();
    await page.getByLabel('Onderwerp').waitFor();
    assert.equal(await page.locator('#form-error').count(), 0, 'reloading shows the form afresh');
    await page.getByLabel('Onderwerp').fill('Twee extra licenties');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ik ga akkoord met de extra kosten' }).waitFor();
    await page.locator('#form-error a').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agree');
    await checkPage(page, 'billing-change-error');
    await page.getByRole('switch', { name: 'Ik ga akkoord met de extra kosten' }).check();
    await page.getByLabel('Toelichting').fill('Voor de nieuwe assistenten.');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByText('Je verzoek is verstuurd.').waitFor();
    await page.getByRole('cell', { name: /Twee extra licenties/ }).waitFor();
    const mail = await waitForMail(balie.dataDir, 'beheerder@delinde.example');
    assert.match(mail.text, /Twee extra licenties/);
    await page.context().close();
  });

  test('an agent switches "Aanvragen vanuit de organisatie" and sees the organisation', async () => {
    const page = await newPage(browser);
    await signIn(page, balie.base, 'sanne@balie.example', { password: 'demo-balie', path: '/agent/login' });
    await tabs(page).getByRole('link', { name: 'Organisaties' }).click();
    await page.getByRole('heading', { name: 'Organisaties' }).waitFor();
    await checkPage(page, 'agent-organisations');
    await page.getByRole('link', { name: 'Huisartsenpraktijk De Linde' }).click();
    await page.getByRole('heading', { name: 'Huisartsenpraktijk De Linde' }).waitFor();
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    await page.getByRole('button', { name: 'Uitzetten' }).waitFor();
    await checkPage(page, 'agent-organisation');
    await page.getByRole('link', { name: 'Factuur toevoegen' }).click();
    await checkPage(page, 'agent-invoice-new');
    await page.context().close();
  });
});
