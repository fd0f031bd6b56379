// "Support" in a real browser: a Medewerker submits a "Foutmelding", follows it on the ticket
// page, adds to the conversation and marks it solved; the confirmation mail arrives. And the
// round trip with the service desk: an agent answers, waits for the customer, who replies from
// the home page, and solves it; every step's e-mail arrives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkPage, launch, newPage, signIn } from '../lib/browser.js';
import { mailMatching, waitForMail } from '../lib/mail.js';
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

    // An invisible control character, as pasted from another program, is refused and named.
    await page.getByLabel('Je reactie').fill('Ook op de laptop\u0008 van de assistente.');
    await page.getByRole('button', { name: 'Toevoegen aan gesprek' }).click();
    await page.getByRole('heading', { name: 'Niet verstuurd' }).waitFor();
    await page.getByText('In „Reactie” staat een teken dat niet in tekst hoort').waitFor();
    await checkPage(page, 'error-text-refused');
    await page.getByRole('link', { name: 'Terug naar het formulier' }).click();
    await page.getByLabel('Je reactie').waitFor();
    assert.match(await page.getByLabel('Je reactie').inputValue(), /^Ook op de laptop/, 'the text is kept');
    await page.getByLabel('Je reactie').fill('Ook op de laptop van de assistente.');
    await page.getByRole('button', { name: 'Toevoegen aan gesprek' }).click();
    await page.getByText('Je reactie is toegevoegd.').waitFor();
    await page.getByRole('button', { name: 'Markeren als opgelost' }).click();
    await page.getByText('De aanvraag is gemarkeerd als opgelost.').waitFor();
    await page.getByText('Opgelost', { exact: true }).waitFor();
    await page.goto(`${balie.base}/support`);
    await page.getByRole('link', { name: 'Agenda blijft leeg' }).waitFor();
    await page.context().close();
  });

  test('an agent answers with a question, the customer replies, the agent solves it', async () => {
    const customer = await newPage(browser);
    await signIn(customer, balie.base, 'medewerker@delinde.example');
    await customer.goto(`${balie.base}/support/new/incident`);
    await customer.getByLabel('Onderwerp').fill('Declaraties worden geweigerd');
    await customer.getByLabel('Omschrijving').fill('Vektis geeft foutcode 0451 bij elke declaratie.');
    await customer.getByLabel('Hoofdcategorie').selectOption({ label: 'Techniek' });
    await customer.getByLabel('Bijlagen').setInputFiles({
      name: 'foutmelding.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    await customer.getByRole('button', { name: 'Verzenden' }).click();
    await customer.getByText('Je aanvraag is verstuurd.').waitFor();
    await customer.getByRole('link', { name: 'foutmelding.png' }).waitFor();
    const number = /\/tickets\/(\d+)/.exec(customer.url())[1];

    const agent = await newPage(browser);
    await signIn(agent, balie.base, 'sanne@balie.example', { path: '/agent/login' });
    await agent.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Tickets' }).click();
    await agent.getByRole('heading', { name: 'Niet toegewezen in mijn groepen' }).waitFor();
    await checkPage(agent, 'agent-tickets');
    await agent.getByRole('link', { name: 'Declaraties worden geweigerd' }).click();
    await agent.getByRole('heading', { name: /Declaraties worden geweigerd/ }).waitFor();
    await agent.getByRole('link', { name: 'foutmelding.png' }).waitFor();
    await agent.getByLabel('Reactie', { exact: true }).fill('Welke versie van de software gebruikt u?');
    await agent.getByLabel('Status').selectOption({ label: 'Wacht op klant' });
    await agent.getByLabel('Toegewezen aan').selectOption({ label: 'Sanne Visser (Eerste lijn support, Facturatie)' });
    await agent.getByRole('button', { name: 'Bijwerken' }).click();
    await agent.getByText('Het ticket is bijgewerkt.').waitFor();
    await checkPage(agent, 'agent-ticket');

    const waiting = await mailMatching(balie.dataDir, 'medewerker@delinde.example', new RegExp(`^\\[#${number}\\] We wachten op je reactie`));
    assert.match(waiting.text, /Welke versie van de software gebruikt u\?/);

    await customer.goto(`${balie.base}/`);
    await customer.getByRole('heading', { name: 'Wacht op je reactie' }).waitFor();
    await checkPage(customer, 'home-waiting');
    await customer.getByRole('link', { name: 'Declaraties worden geweigerd' }).first().click();
    await customer.getByText('Welke versie van de software gebruikt u?').waitFor();
    await customer.getByLabel('Je reactie').fill('Versie 4.1, op alle werkplekken.');
    await customer.getByRole('button', { name: 'Toevoegen aan gesprek' }).click();
    await customer.getByText('Je reactie is toegevoegd.').waitFor();

    await agent.reload();
    await agent.getByText('Versie 4.1, op alle werkplekken.').waitFor();
    await agent.getByLabel('Reactie', { exact: true }).fill('Opgelost in versie 4.2; de update staat klaar.');
    await agent.getByLabel('Status').selectOption({ label: 'Opgelost' });
    await agent.getByRole('button', { name: 'Bijwerken' }).click();
    await agent.getByText('Het ticket is bijgewerkt.').waitFor();

    await customer.reload();
    await customer.locator('.badge', { hasText: 'Opgelost' }).waitFor();
    await customer.getByText('Opgelost in versie 4.2; de update staat klaar.').waitFor();
    await checkPage(customer, 'ticket-solved');
    const solved = await mailMatching(balie.dataDir, 'medewerker@delinde.example', new RegExp(`^\\[#${number}\\] Je aanvraag is opgelost`));
    assert.match(solved.text, /Opgelost in versie 4\.2/);
    await mailMatching(balie.dataDir, 'medewerker@delinde.example', new RegExp(`^\\[#${number}\\] We hebben je aanvraag ontvangen`));

    // Searching the conversations: other word forms find it, the words found are marked, and a
    // piece of the newest message holding them all is shown under the subject.
    await agent.goto(`${balie.base}/agent/tickets?q=werkplek+versie`);
    const found = agent.getByRole('row', { name: /Declaraties worden geweigerd/ });
    await found.locator('mark', { hasText: 'werkplekken' }).waitFor();
    assert.match(await found.locator('.found').innerText(), /^Versie 4\.1, op alle werkplekken\.$/);
    await checkPage(agent, 'agent-search');
    await customer.goto(`${balie.base}/support?list=mine&q=update`);
    const mine = customer.getByRole('row', { name: /Declaraties worden geweigerd/ });
    await mine.locator('.found mark', { hasText: 'update' }).waitFor();
    await checkPage(customer, 'support-search');
    await agent.context().close();
    await customer.context().close();
  });

  test('an administrator adds a field to a form, which the customer then fills in', async () => {
    const admin = await newPage(browser);
    await signIn(admin, balie.base, 'sanne@balie.example', { path: '/agent/login' });
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
    await admin.getByRole('heading', { name: 'Formulieren', exact: true }).waitFor();
    await checkPage(admin, 'agent-forms');
    await admin.getByRole('link', { name: 'Verbetering' }).click();
    await admin.getByRole('heading', { name: 'Verbetering' }).waitFor();
    await admin.getByLabel('Label (Nederlands)').fill('Hoe belangrijk is dit voor u?');
    await admin.getByLabel('Label (Engels)').fill('How important is this to you?');
    await admin.getByLabel('Soort').selectOption({ label: 'Keuzelijst' });
    await admin.getByLabel('Keuzemogelijkheden').fill('Handig\nBelangrijk\nOnmisbaar');
    await admin.getByRole('button', { name: 'Veld toevoegen' }).click();
    await admin.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await checkPage(admin, 'agent-form');
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
    await admin.getByRole('navigation', { name: 'Instellingen' }).getByRole('link', { name: 'Routering' }).click();
    await admin.getByRole('heading', { name: 'Routering' }).waitFor();
    await checkPage(admin, 'agent-routing');
    // "Agents": an administrator invites a colleague, who gets the invitation by mail.
    await admin.getByRole('navigation', { name: 'Instellingen' }).getByRole('link', { name: 'Agents' }).click();
    await admin.getByRole('heading', { name: 'Agents', exact: true }).waitFor();
    await admin.getByLabel('Voornaam').fill('Mila');
    await admin.getByLabel('Achternaam').fill('de Wit');
    await admin.getByLabel('E-mail', { exact: true }).fill('mila@balie.example');
    await admin.getByLabel('Eerste lijn support').check();
    await admin.getByRole('button', { name: 'Uitnodigen' }).click();
    await admin.getByText('De agent is uitgenodigd').waitFor();
    await admin.getByRole('cell', { name: 'mila@balie.example' }).waitFor();
    await checkPage(admin, 'agent-agents');
    await admin.getByRole('link', { name: 'Mila de Wit' }).click();
    await admin.getByRole('heading', { name: 'Mila de Wit' }).waitFor();
    await admin.getByLabel('Facturatie').check();
    await admin.getByRole('button', { name: 'Aanpassen' }).click();
    await admin.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    const mila = admin.getByRole('row').filter({ hasText: 'mila@balie.example' });
    await mila.getByRole('cell', { name: 'Eerste lijn support, Facturatie' }).waitFor();
    await admin.getByRole('link', { name: 'Mila de Wit' }).click();
    await checkPage(admin, 'agent-agent');
    const invitation = await waitForMail(balie.dataDir, 'mila@balie.example');
    assert.equal(invitation.subject, 'Uitnodiging voor Zorgsoft Klantportaal');

    const customer = await newPage(browser);
    await signIn(customer, balie.base, 'beheerder@delinde.example');
    await customer.goto(`${balie.base}/support/new/improvement`);
    await customer.getByLabel('Onderwerp').fill('Agenda per week printen');
    await customer.getByLabel('Omschrijving').fill('Graag een weekoverzicht om te printen.');
    await customer.getByLabel('Hoofdcategorie').selectOption({ label: 'Overig' });
    await customer.getByLabel('Hoe belangrijk is dit voor u?').selectOption({ label: 'Belangrijk' });
    await customer.getByRole('button', { name: 'Verzenden' }).click();
    await customer.getByText('Je aanvraag is verstuurd.').waitFor();
    await customer.getByText('Belangrijk', { exact: true }).waitFor();
    await customer.goto(`${balie.base}/support?list=all`);
    await customer.getByRole('button', { name: 'Volgen' }).click();
    await customer.getByText('Je volgt nu de aanvragen van je organisatie.').waitFor();
    await checkPage(customer, 'support-all');
    await admin.context().close();
    await customer.context().close();
  });

  test('a visitor without an account submits a request with an e-mail address', async () => {
    const page = await newPage(browser);
    await page.goto(`${balie.base}/login`);
    await page.getByRole('link', { name: /Geen account\? Dien een aanvraag in/ }).click();
    await page.getByRole('heading', { name: 'Een aanvraag indienen' }).waitFor();
    await checkPage(page, 'request');
    await page.getByRole('link', { name: /Vraag/ }).first().click();
    await page.getByLabel('Je e-mailadres').fill('bezoeker@voorbeeld.example');
    await page.getByLabel('Onderwerp').fill('Toegang tot het portaal');
    await page.getByLabel('Omschrijving').fill('Ik ben nieuw bij de praktijk en heb nog geen account.');
    await page.getByLabel('Hoofdcategorie').selectOption({ label: 'Overig' });
    await checkPage(page, 'request-form');
    await page.getByRole('button', { name: 'Verzenden' }).click();
    await page.getByText(/Je aanvraag is verstuurd onder nummer #\d+\./).waitFor();
    const mail = await mailMatching(balie.dataDir, 'bezoeker@voorbeeld.example', /We hebben je aanvraag ontvangen: Toegang tot het portaal$/);
    assert.doesNotMatch(mail.text, /\/tickets\//);
    await page.context().close();
  });
});
