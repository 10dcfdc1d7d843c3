// The list's "created" range in UTC days (the API's days): presets, and a
// typed date asked for only once typing has paused and the range makes sense;
// otherwise the field says what is wrong and nothing is sent.
import { h, uniqueId } from '../dom.js';
import { presets, rangeProblems } from '../dates.js';
import { fieldError } from '../ui.js';

const PAUSE_MS = 700;

/** `onChange(from, to)` gets a valid range the operator settled on. */
export function dateFilter({ onChange }) {
  const fromId = uniqueId('from');
  const toId = uniqueId('to');
  const errorId = uniqueId('dates-error');
  const fromInput = h('input', { id: fromId, name: 'from', type: 'date', min: '2000-01-01', 'aria-describedby': errorId });
  const toInput = h('input', { id: toId, name: 'to', type: 'date', min: '2000-01-01', 'aria-describedby': errorId });
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  let applied = { from: '', to: '' };
  let timer = null;

  /** The range typed, or null (and the words why) when it cannot be asked for. */
  function range() {
    const half = [[fromInput, 'From'], [toInput, 'To']].filter(([input]) => input.validity.badInput)
      .map(([, label]) => `${label}: enter a whole date (month, day and year)`);
    const problems = half.length ? half : rangeProblems(fromInput.value, toInput.value);
    fieldError(fromInput, error, problems.join('; ') || null);
    if (problems.length) toInput.setAttribute('aria-invalid', 'true'); else toInput.removeAttribute('aria-invalid');
    return problems.length ? null : { from: fromInput.value, to: toInput.value };
  }

  function settle() {
    clearTimeout(timer);
    timer = null;
    const chosen = range();
    if (chosen && (chosen.from !== applied.from || chosen.to !== applied.to)) onChange(chosen.from, chosen.to);
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(settle, PAUSE_MS);
  }

  for (const input of [fromInput, toInput]) {
    input.addEventListener('input', later);
    input.addEventListener('change', later);
  }

  function choose(from, to) {
    fromInput.value = from;
    toInput.value = to;
    settle();
  }

  const el = h('fieldset', { class: 'date-filter' },
    h('legend', {}, 'Created, in UTC days'),
    h('div', { class: 'date-fields' },
      h('div', { class: 'field' }, h('label', { for: fromId }, 'Created from'), fromInput),
      h('div', { class: 'field' }, h('label', { for: toId }, 'Created to'), toInput)),
    h('div', { class: 'date-presets', role: 'group', 'aria-label': 'Date presets' },
      presets().map(({ label }) => h('button', { type: 'button', class: 'button small', onclick: () => {
        const today = presets().find((preset) => preset.label === label); // as of the click: the console stays open past midnight
        choose(today.from, today.to);
      } }, label)),
      h('button', { type: 'button', class: 'button small', onclick: () => choose('', '') }, 'Any time')),
    error);

  return {
    el,
    range,
    /** The range the list shows now (from the address). */
    show(from, to) {
      applied = { from, to };
      fromInput.value = from;
      toInput.value = to;
      fieldError(fromInput, error, null);
      toInput.removeAttribute('aria-invalid');
    },
    stop: () => clearTimeout(timer),
  };
}
