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
