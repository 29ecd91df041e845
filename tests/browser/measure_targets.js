// Measured by test_phone_walk.py on every page: sideways scroll and touch targets under 44 px.
(() => {
  const small = [];
  const seen = new Set();
  const interactive = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])');
  for (const el of interactive) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden]')) continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // collapsed menu, skip link off screen
    if (el.classList.contains('skip-link')) continue;
    // An inline link inside a sentence: exempt (WCAG 2.5.5 "inline").
    if (el.tagName === 'A' && style.display === 'inline') continue;
    // A checkbox or radio counts with its label row (.form-check).
    let target = el;
    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('.form-check')) target = el.closest('.form-check');
    box = target.getBoundingClientRect();
    if (seen.has(target)) continue;
    seen.add(target);
    if (box.width < 43.5 || box.height < 43.5) {
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? '[name=' + el.name + ']' : ''} "${(el.innerText || el.value || '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    small,
  };
})
