// Small enhancements; every page works without this file.
// "Medewerker+" only exists on top of "Medewerker" (B4): keep the two checkboxes consistent.
document.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
  const form = box.form;
  if (!form) return;
  const medewerker = form.elements.namedItem('medewerker');
  const plus = form.elements.namedItem('medewerker_plus');
  if (!medewerker || !plus) return;
  if (box === plus && plus.checked) medewerker.checked = true;
  if (box === medewerker && !medewerker.checked) plus.checked = false;
});

// Suggested articles while the subject of a request is typed (C2): the server answers with a
// short list; without this script the form simply has none.
const subject = document.querySelector('input[data-suggest]');
if (subject) {
  const box = document.getElementById(subject.dataset.suggestTarget);
  let timer;
  let asked = '';
  subject.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = subject.value.trim();
      if (query === asked) return;
      asked = query;
      if (query.length < 3) { box.innerHTML = ''; return; }
      try {
        const answer = await fetch(`${subject.dataset.suggest}?q=${encodeURIComponent(query)}`, { credentials: 'same-origin', redirect: 'manual' });
        if (answer.ok && subject.value.trim() === query) box.innerHTML = await answer.text();
      } catch (_) { /* no suggestions; the form works as before */ }
    }, 150);
  });
}

// "Terug naar het formulier" on a refused form: going back in the history keeps what was typed;
// without this script the link opens the form afresh.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element && event.target.closest('a[data-history-back]');
  if (!link || window.history.length < 2) return;
  event.preventDefault();
  window.history.back();
});

// Escape closes the menu that holds the focus (the phone's "Menu", the name menu) and gives the
// focus back to its button; a click elsewhere closes an open menu. Without this script the menus
// open and close with their own buttons.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = [...document.querySelectorAll('header details[open]')];
  const menu = open.reverse().find((d) => d.contains(document.activeElement)) ?? open[0];
  if (!menu) return;
  menu.open = false;
  menu.querySelector('summary').focus();
});
document.addEventListener('click', (event) => {
  for (const menu of document.querySelectorAll('header details[open]')) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});

// A refused form: the focus goes to the summary of what to fix, and the page's address becomes
// the form's own page again, so reloading shows the form instead of sending it once more.
const refused = document.querySelector('[data-refused]');
if (refused) {
  refused.focus();
  const own = document.body.dataset.path;
  if (own && window.history.replaceState) window.history.replaceState(null, '', own);
}

// "Bestanden kiezen": the page's own button and the names of the chosen files instead of the
// browser's control, whose text follows the browser's language.
for (const input of document.querySelectorAll('input[type=file][data-chosen]')) {
  const field = input.closest('.file-field');
  const list = document.getElementById(input.dataset.chosen);
  field.classList.add('enhanced');
  field.querySelector('.file-button').hidden = false;
  list.hidden = false;
  input.addEventListener('change', () => {
    const names = [...input.files].map((f) => f.name);
    list.replaceChildren();
    if (!names.length) { list.textContent = list.dataset.none; return; }
    const items = document.createElement('ul');
    for (const name of names) {
      const item = document.createElement('li');
      item.textContent = name;
      items.append(item);
    }
    list.append(items);
  });
}
