// Keyboard shortcuts of the orders list: / search, j/k move between orders,
// x selects, Enter opens, ? lists them. Keys typed into a field are the
// field's: no shortcut fires while the operator types.
import { h } from '../dom.js';

const SHORTCUTS = [['/', 'Search'], ['j', 'Next order'], ['k', 'Previous order'], ['x', 'Select or unselect the order'],
  ['Enter', 'Open the order'], ['?', 'Show or hide this list'], ['Esc', 'Close this list']];

function typing(event) {
  const field = 'input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select, '
    + '[contenteditable=""], [contenteditable="true"]';
  return event.target instanceof Element && event.target.closest(field);
}

/** `rows()`: the order rows on screen; `search`: the search box. Returns {el, stop}. */
export function listKeys({ rows, search, beforeSearch }) {
  let current = -1;
  const closeButton = h('button', { type: 'button', class: 'button small', onclick: () => toggleHelp(false) }, 'Close');
  const help = h('section', { class: 'shortcuts card', role: 'dialog', 'aria-label': 'Keyboard shortcuts', hidden: true },
    h('div', { class: 'card-header' }, h('h2', {}, 'Keyboard shortcuts'), closeButton),
    h('dl', { class: 'facts' }, SHORTCUTS.map(([key, what]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, what)])));
  let returnFocus = null;

  function toggleHelp(show = help.hidden) {
    if (show) returnFocus = document.activeElement;
    help.hidden = !show;
    if (show) closeButton.focus();
    else if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  }

  function move(step) {
    const list = rows();
    if (!list.length) return;
    const focused = list.findIndex((row) => row.contains(document.activeElement));
    const from = focused >= 0 ? focused : current;
    current = Math.min(list.length - 1, Math.max(0, from < 0 ? 0 : from + step));
    for (const row of list) row.classList.toggle('current-row', row === list[current]);
    list[current].querySelector('.order-link').focus();
  }

  function currentRow() {
    const list = rows();
    return list.find((row) => row.contains(document.activeElement)) || list[current] || null;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && !help.hidden) {
      toggleHelp(false);
      return;
    }
    if (typing(event)) return;
    const row = () => currentRow();
    switch (event.key) {
      case '/':
        event.preventDefault();
        if (beforeSearch) beforeSearch();
        search.focus();
        search.select();
        break;
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'x': {
        const box = row() && row().querySelector('input.select-order');
        if (box) box.click();
        break;
      }
      case 'Enter': {
        // On the order's own link, Enter already opens it.
        if (event.target instanceof Element && event.target.closest('a, button')) return;
        const link = row() && row().querySelector('.order-link');
        if (link) link.click();
        break;
      }
      case '?': toggleHelp(); break;
      default: break;
    }
  }

  document.addEventListener('keydown', onKey);
  return { el: help, stop: () => document.removeEventListener('keydown', onKey) };
}
