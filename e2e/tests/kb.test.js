// "Artikelen" in a real browser: a visitor searches and reads an article; a contact follows
// "Storing en onderhoud", an agent publishes an outage, the contact gets the e-mail and sees
// the banner until the agent closes it; while a request's subject is typed, articles are
// suggested; a contact comments and votes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkPage, launch, newPage, signIn } from '../lib/browser.js';
import { mailMatching } from '../lib/mail.js';
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

describe('knowledge base', () => {
  test('a visitor searches and reads an article', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Artikelen' }).click();
    await page.getByRole('heading', { name: 'Artikelen', exact: true }).waitFor();
    await page.getByRole('link', { name: /Declareren/ }).waitFor();
    await checkPage(page, 'kb-home');
    await page.getByRole('link', { name: /Declareren/ }).click();
    await page.getByRole('heading', { name: 'Declareren', exact: true }).waitFor();
    await checkPage(page, 'kb-category');
    await page.getByRole('link', { name: 'Veelgestelde vragen' }).click();
    await page.getByRole('link', { name: 'Het retourbestand lezen' }).waitFor();
    await checkPage(page, 'kb-section');
    await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'Artikelen' }).click();
    await page.getByLabel('Zoeken in de artikelen').fill('wachtwoord vergeten');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { name: 'Zoekresultaten' }).waitFor();
    const hit = page.getByRole('link', { name: 'Wachtwoord opnieuw instellen' });
    await hit.waitFor();
    assert.ok((await page.locator('mark').count()) > 0, 'the matching words are highlighted');
    await checkPage(page, 'kb-search');
    await hit.click();
    await page.getByRole('heading', { name: 'Wachtwoord opnieuw instellen' }).waitFor();
    await page.getByText(/Laatst bijgewerkt/).waitFor();
    await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'Account en inloggen' }).waitFor();
    await checkPage(page, 'kb-article');
    await page.getByRole('link', { name: 'Read in English' }).click();
    await page.getByRole('heading', { name: 'Resetting your password' }).waitFor();
    await page.context().close();
  });

  test('a contact follows outages, an agent publishes one, the contact is told and sees the banner', async () => {
    const contact = await newPage(browser);
    await signIn(contact, balie.base, 'medewerker@delinde.example');
    await contact.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Artikelen' }).click();
    await contact.getByRole('button', { name: 'Storing en onderhoud volgen' }).click();
    await contact.getByText('Je volgt dit nu.').waitFor();
    await contact.goto(`${balie.base}/activities/following`);
    const row = contact.getByRole('row', { name: /Storing en onderhoud/ });
    await row.getByText('Nieuwe artikelen', { exact: true }).waitFor();
    await checkPage(contact, 'kb-following');

    const agent = await newPage(browser);
    await signIn(agent, balie.base, 'sanne@balie.example', { path: '/agent/login' });
    await agent.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kennisbank' }).click();
    await agent.getByRole('heading', { name: 'Kennisbank' }).waitFor();
    await checkPage(agent, 'agent-kb');
    await agent.getByRole('link', { name: 'Nieuw artikel' }).click();
    await agent.getByLabel('Sectie').selectOption({ label: 'Actueel › Storing en onderhoud' });
    await agent.locator('#title_nl').fill('Storing in de agenda');
    await agent.locator('#body_nl').fill('De agenda is **niet bereikbaar**. We werken aan een oplossing.');
    await agent.locator('input[name="published_nl"]').check();
    await agent.getByLabel('Storing of onderhoud loopt nog').check();
    await agent.getByRole('button', { name: 'Opslaan' }).click();
    await agent.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await checkPage(agent, 'agent-kb-article');

    const mail = await mailMatching(balie.dataDir, 'medewerker@delinde.example', /^Nieuw artikel in Storing en onderhoud: Storing in de agenda$/);
    assert.match(mail.text, /\/kb\/articles\/\d+/);
    await contact.goto(`${balie.base}/`);
    const banner = contact.getByRole('status').filter({ hasText: 'Storing of onderhoud:' });
    await banner.getByRole('link', { name: 'Storing in de agenda' }).waitFor();
    await checkPage(contact, 'kb-outage-banner');
    await banner.getByRole('link', { name: 'Storing in de agenda' }).click();
    await contact.getByText('Deze storing of dit onderhoud loopt nog.').waitFor();

    // Closing it takes the banner away.
    await agent.getByLabel('Storing of onderhoud loopt nog').uncheck();
    await agent.getByRole('button', { name: 'Opslaan' }).click();
    await agent.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await contact.goto(`${balie.base}/support`);
    await contact.getByRole('heading', { name: 'Support', exact: true }).waitFor();
    assert.equal(await contact.getByText('Storing of onderhoud:').count(), 0);
    await agent.context().close();
    await contact.context().close();
  });

  test('articles are suggested while a subject is typed; a contact comments and votes', async () => {
    const page = await newPage(browser);
    await signIn(page, balie.base, 'beheerder@delinde.example');
    await page.goto(`${balie.base}/support`);
    await page.getByRole('link', { name: /Vraag/ }).first().click();
    await page.getByLabel('Onderwerp').pressSequentially('declaraties vektis', { delay: 20 });
    const suggestion = page.getByRole('link', { name: 'Declaraties indienen bij Vektis' });
    await suggestion.waitFor();
    await checkPage(page, 'support-suggestions');

    await page.goto(`${balie.base}/kb/search?q=retourbestand`);
    await page.getByRole('link', { name: 'Het retourbestand lezen' }).click();
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await page.getByText('Bedankt voor je stem.').waitFor();
    await page.getByText('Stemmen: 1 ja, 0 nee.').waitFor();
    await page.getByLabel('Opmerking toevoegen').fill('Handig, vooral de uitleg over de foutcodes.');
    await page.getByRole('button', { name: 'Plaatsen' }).click();
    await page.getByText('Je opmerking is geplaatst.').waitFor();
    await page.getByText('Handig, vooral de uitleg over de foutcodes.').waitFor();
    await page.goto(`${balie.base}/activities`);
    await page.getByRole('link', { name: 'Het retourbestand lezen' }).waitFor();
    await checkPage(page, 'kb-contributions');
    await page.context().close();
  });
});
