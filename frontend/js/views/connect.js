// The connect screen: API address + key, checked against the API before saving.
// #/connect?api=<address> (where a connect link lands) fills in the address;
// the key is the link's own (held in memory, never in the URL) or the saved
// key for its own address. Nothing changes until the operator presses Connect.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError } from '../api.js';
import { describeError } from '../words.js';
import {
  forgetKey, getConnection, isConnected, isRemembered, keyDestination, normaliseUrl, sameAddress, saveConnection,
  savedKeyAddress, savedKeyFor, takeLinkPrefill, urlProblem,
} from '../connection.js';
import { fieldError, notify, whileBusy } from '../ui.js';

/** Says where the key will go, so a wrong address is seen before anything is sent. */
function destinationText(element, address) {
  const origin = keyDestination(address);
  if (origin) replaceChildren(element, 'Your key will be sent to ', h('strong', {}, origin));
  else replaceChildren(element, 'Enter the API address to see where your key will be sent.');
}

/** A link asked for another address than the saved key's: say the key was held back, offer the way back. */
function otherApiWarning(proposed, saved, target) {
  return h('div', { class: 'banner banner-error', role: 'alert' },
    h('p', {}, `This link points to a different API (${proposed}); your saved key was not sent.`),
    h('p', {}, 'Connect only if you trust this address and have a key for it.'),
    isConnected() ? h('a', { class: 'button small', href: target }, `Keep using ${saved.apiBaseUrl}`) : null);
}

/** A link filled the form in: say so, and that nothing changes until Connect. */
function linkNotice(address) {
  return h('div', { class: 'banner', role: 'status' },
    h('p', {}, 'A link filled in this connection. Check the address before you connect: ',
      h('strong', {}, keyDestination(address) || address || 'no address')),
    h('p', {}, isConnected()
      ? 'Your saved connection stays as it is unless you press Connect.'
      : 'Nothing is saved until you press Connect.'));
}

export function connectView(ctx) {
  const saved = getConnection();
  const link = takeLinkPrefill();
  const next = ctx.params.get('next');
  const target = next && next.startsWith('#/') && !next.startsWith('#/connect') ? next : '#/orders';
  const proposed = normaliseUrl(ctx.params.get('api'));
  const address = proposed || saved.apiBaseUrl;
  const keyHolder = savedKeyAddress();
  const warning = proposed && keyHolder && !sameAddress(proposed, keyHolder) ? otherApiWarning(proposed, saved, target) : null;
  const linkKey = link && sameAddress(link.api, address) ? link.key : '';

  const urlId = uniqueId('api-url');
  const keyId = uniqueId('api-key');
  const urlError = h('p', { class: 'field-error', id: `${urlId}-error`, hidden: true });
  const keyError = h('p', { class: 'field-error', id: `${keyId}-error`, hidden: true });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });

  const urlInput = h('input', {
    id: urlId, name: 'apiBaseUrl', type: 'url', value: address, autocomplete: 'url', spellcheck: 'false',
    placeholder: 'http://127.0.0.1:8000', 'aria-describedby': `${urlId}-hint ${urlId}-error`, required: true,
  });
  const keyInput = h('input', {
    id: keyId, name: 'apiKey', type: 'password', value: linkKey || savedKeyFor(address), autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${keyId}-destination ${keyId}-hint ${keyId}-error`, required: true,
  });
  const destination = h('p', { class: 'hint', id: `${keyId}-destination`, 'aria-live': 'polite' });
  destinationText(destination, address);
  urlInput.addEventListener('input', () => destinationText(destination, urlInput.value));
  const showKey = h('button', {
    type: 'button', class: 'button small', 'aria-pressed': 'false', 'aria-controls': keyId,
    onclick: () => {
      const visible = keyInput.type === 'password';
      keyInput.type = visible ? 'text' : 'password';
      showKey.setAttribute('aria-pressed', String(visible));
      showKey.textContent = visible ? 'Hide' : 'Show';
    },
  }, 'Show');

  const rememberId = uniqueId('remember');
  const remember = h('input', { id: rememberId, name: 'remember', type: 'checkbox', checked: isRemembered() });
  const connectButton = h('button', { type: 'submit', class: 'button primary' }, 'Connect');
  const disconnectButton = h('button', {
    type: 'button', class: 'button danger-outline', hidden: !keyHolder,
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
        // Proves both the address and the key; the key goes where the screen says, as typed.
        await api.stats({ apiBaseUrl, apiKey, keyFor: apiBaseUrl });
      } catch (error) {
        const words = error instanceof ApiError && error.status === 403
          ? 'The API refused this key (403 Forbidden). Check the key and try again.'
          : describeError(error);
        formError.textContent = words;
        formError.hidden = false;
        return;
      }
      saveConnection({ apiBaseUrl, apiKey, remember: remember.checked });
      ctx.refreshConnection();
      notify(`Connected to ${apiBaseUrl}.`, 'success', { carry: true });
      ctx.navigate(target);
    });
    return undefined;
  }

  const el = h('section', { class: 'view narrow-view' },
    h('h1', {}, 'Connect to the Order API'),
    h('p', { class: 'lead' }, 'Enter the API address and your API key. The key is kept for this tab only, unless you '
      + 'choose to remember it on this device, and is only ever sent to the address it was saved with.'),
    link ? linkNotice(address) : null,
    warning,
    h('form', { class: 'card form', novalidate: true, onsubmit: submit },
      h('div', { class: 'field' },
        h('label', { for: urlId }, 'API address'),
        urlInput,
        h('p', { class: 'hint', id: `${urlId}-hint` }, 'The link you were given fills this in, e.g. http://127.0.0.1:8000'),
        urlError),
      h('div', { class: 'field' },
        h('label', { for: keyId }, 'API key'),
        h('div', { class: 'input-with-button' }, keyInput, showKey),
        destination,
        h('p', { class: 'hint', id: `${keyId}-hint` }, 'Whoever runs your shop’s system gives you one.'),
        keyError),
      h('div', { class: 'field checkbox-field' },
        h('label', { for: rememberId }, remember, ' Remember the key on this device'),
        h('p', { class: 'hint' }, 'Only on a device no one else uses: the key stays in this browser after it closes.')),
      formError,
      h('div', { class: 'form-actions' }, connectButton, disconnectButton)),
    h('details', { class: 'card for-support' }, h('summary', {}, 'For developers and support'),
      h('p', {}, 'The API address is the Order API’s base URL (the stage’s URL when deployed). The key is an API key, '
        + 'sent as the x-api-key header; make keys creates one, and make run prints a link that fills in both.')));
  return { el };
}
