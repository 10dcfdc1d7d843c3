// The connect screen: API address + key, checked against the API before saving.
import { h, uniqueId } from '../dom.js';
import { api, describeError, ApiError } from '../api.js';
import { forgetKey, getConnection, normaliseUrl, saveConnection, urlProblem } from '../connection.js';
import { fieldError, notify, whileBusy } from '../ui.js';

export function connectView(ctx) {
  const saved = getConnection();
  const next = ctx.params.get('next');
  const target = next && next.startsWith('#/') && !next.startsWith('#/connect') ? next : '#/orders';

  const urlId = uniqueId('api-url');
  const keyId = uniqueId('api-key');
  const urlError = h('p', { class: 'field-error', id: `${urlId}-error`, hidden: true });
  const keyError = h('p', { class: 'field-error', id: `${keyId}-error`, hidden: true });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });

  const urlInput = h('input', {
    id: urlId, name: 'apiBaseUrl', type: 'url', value: saved.apiBaseUrl, autocomplete: 'url', spellcheck: 'false',
    placeholder: 'http://127.0.0.1:8000', 'aria-describedby': `${urlId}-hint ${urlId}-error`, required: true,
  });
  const keyInput = h('input', {
    id: keyId, name: 'apiKey', type: 'password', value: saved.apiKey, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${keyId}-hint ${keyId}-error`, required: true,
  });
  const showKey = h('button', {
    type: 'button', class: 'button small', 'aria-pressed': 'false', 'aria-controls': keyId,
    onclick: () => {
      const visible = keyInput.type === 'password';
      keyInput.type = visible ? 'text' : 'password';
      showKey.setAttribute('aria-pressed', String(visible));
      showKey.textContent = visible ? 'Hide' : 'Show';
    },
  }, 'Show');

  const connectButton = h('button', { type: 'submit', class: 'button primary' }, 'Connect');
  const disconnectButton = h('button', {
    type: 'button', class: 'button danger-outline', hidden: !saved.apiKey,
    onclick: () => {
      forgetKey();
      keyInput.value = '';
      disconnectButton.hidden = true;
      ctx.refreshConnection();
      notify('Disconnected: the API key was removed from this browser.', 'success');
    },
  }, 'Disconnect (forget key)');

  async function submit(event) {
    event.preventDefault();
    formError.hidden = true;
    const apiBaseUrl = normaliseUrl(urlInput.value);
    const apiKey = keyInput.value.trim();
    const urlMessage = urlProblem(apiBaseUrl);
    fieldError(urlInput, urlError, urlMessage);
    fieldError(keyInput, keyError, apiKey ? null : 'Enter the API key');
    if (urlMessage) return urlInput.focus();
    if (!apiKey) return keyInput.focus();
    await whileBusy(connectButton, 'Connecting…', async () => {
      try {
        await api.stats({ apiBaseUrl, apiKey }); // proves both the address and the key
      } catch (error) {
        const words = error instanceof ApiError && error.status === 403
          ? 'The API refused this key (403 Forbidden). Check the key and try again.'
          : describeError(error);
        formError.textContent = words;
        formError.hidden = false;
        return;
      }
      saveConnection({ apiBaseUrl, apiKey });
      ctx.refreshConnection();
      notify(`Connected to ${apiBaseUrl}.`, 'success', { carry: true });
      ctx.navigate(target);
    });
    return undefined;
  }

  const el = h('section', { class: 'view narrow-view' },
    h('h1', {}, 'Connect to the Order API'),
    h('p', { class: 'lead' }, 'Enter the API address and an API key. Both are kept only in this browser (localStorage); '
      + 'they are never part of the deployed site.'),
    h('form', { class: 'card form', novalidate: true, onsubmit: submit },
      h('div', { class: 'field' },
        h('label', { for: urlId }, 'API base URL'),
        urlInput,
        h('p', { class: 'hint', id: `${urlId}-hint` }, 'make run prints a link that fills this in, e.g. http://127.0.0.1:8000'),
        urlError),
      h('div', { class: 'field' },
        h('label', { for: keyId }, 'API key'),
        h('div', { class: 'input-with-button' }, keyInput, showKey),
        h('p', { class: 'hint', id: `${keyId}-hint` }, 'Sent as the x-api-key header. Create one with make keys.'),
        keyError),
      formError,
      h('div', { class: 'form-actions' }, connectButton, disconnectButton)));
  return { el };
}
