-- The seeded Dutch texts of the ticket forms and main categories address the reader as "je",
-- as the rest of the portal does. A text an administrator has changed since is left alone.
UPDATE ticket_forms SET description_nl = 'Stel hier je algemene vraag.'
    WHERE key = 'question' AND description_nl = 'Stel hier uw algemene vraag.';
UPDATE ticket_forms SET description_nl = 'Heb je een verbetering voor ons product?'
    WHERE key = 'improvement' AND description_nl = 'Heeft u verbeteringen voor ons product?';
UPDATE ticket_forms SET description_nl = 'Is er een storing, of krijg je een foutmelding?'
    WHERE key = 'incident' AND description_nl = 'Krijgt u een storing of krijgt u een foutmelding?';
UPDATE ticket_forms SET description_nl = 'Laat een nieuwe contactpersoon van je organisatie registreren.'
    WHERE key = 'contact_register' AND description_nl = 'Laat een nieuwe contactpersoon van uw organisatie registreren.';
UPDATE ticket_forms SET description_nl = 'Laat een contactpersoon van je organisatie afmelden.'
    WHERE key = 'contact_deregister' AND description_nl = 'Laat een contactpersoon van uw organisatie afmelden.';
UPDATE ticket_categories
    SET help_nl = 'Voor alles wat niet bij een van de andere categorieën past.',
        help_en = 'For anything that fits none of the other categories.'
    WHERE key = 'other'
      AND help_nl = 'Staat uw onderwerp er niet bij? Kies dan de categorie die het dichtst in de buurt komt, of deze.';
