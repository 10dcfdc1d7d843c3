// Where the API is and which key to send. The address lives in this
// browser's localStorage; the key in sessionStorage (gone when the tab
// closes) unless the operator chooses "remember on this device", which
// moves it to localStorage. The deployed files carry at most the API
// address (config.json, written by the deploy), never a key.
//
// A key is stored with the address it was saved for and is only ever used
// with that address, so a link that changes the address cannot carry the
// key somewhere else.

import { setSignInConfig } from './session.js';

const URL_KEY = 'oms.apiBaseUrl';
const API_KEY = 'oms.apiKey';
const KEY_FOR = 'oms.apiKeyFor';
let deployedDefault = '';

function storage(kind = 'localStorage') {
  try {
    return window[kind];
  } catch {
    return null; // storage disabled: the connection lasts for this page only
  }
}
const memory = {};
// The key and the address it belongs to: for this tab, or on this device.
const KEY_NAMES = [API_KEY, KEY_FOR];

function storeOf(name) {
  if (!KEY_NAMES.includes(name)) return storage();
  const session = storage('sessionStorage');
  return session && session.getItem(API_KEY) ? session : storage();
}

function read(name) {
  const store = storeOf(name);
  return (store ? store.getItem(name) : memory[name]) || '';
}

function write(name, value, store = storeOf(name)) {
  if (store) {
    if (value) store.setItem(name, value);
    else store.removeItem(name);
  } else {
    memory[name] = value;
  }
}

/** True when the saved key is kept on this device (localStorage), not only for this tab. */
export function isRemembered() {
  const local = storage();
  return Boolean(local && local.getItem(API_KEY));
}

export function normaliseUrl(value) {
  return String(value || '').trim().replace(/\/+$/, '');
}

/** Message when `value` is not a usable API address, else null. */
export function urlProblem(value) {
  const text = normaliseUrl(value);
  if (!text) return 'Enter the API address, for example http://127.0.0.1:8000';
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The API address must start with http:// or https://';
  } catch {
    return 'Enter a full address, for example https://abc123.execute-api.eu-west-1.amazonaws.com/api';
  }
  return null;
}

/** origin + path of an http(s) address ("" if it is not one): what a key is bound to. */
export function keyAddress(value) {
  try {
    const url = new URL(normaliseUrl(value));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

export function sameAddress(a, b) {
  const address = keyAddress(a);
  return Boolean(address) && address === keyAddress(b);
}

/** Where a request to `value` goes (its origin), for the operator to see; "" if not an address. */
export function keyDestination(value) {
  const address = keyAddress(value);
  return address ? new URL(address).origin : '';
}

/** The address the saved key belongs to, "" when no key is saved. */
export function savedKeyAddress() {
  const key = read(API_KEY);
  if (!key) return '';
  let address = read(KEY_FOR);
  // A key saved before keys were bound went with the saved address already, so bind it to that.
  if (!address && read(URL_KEY)) {
    address = keyAddress(read(URL_KEY));
    write(KEY_FOR, address);
  }
  return address;
}

/** The saved key if it was saved for `address`, else "". */
export function savedKeyFor(address) {
  return sameAddress(savedKeyAddress(), address) ? read(API_KEY) : '';
}

/** apiKey is the saved key only when it belongs to apiBaseUrl; keyFor is the address it was saved for. */
export function getConnection() {
  const apiBaseUrl = normaliseUrl(read(URL_KEY) || deployedDefault);
  const apiKey = savedKeyFor(apiBaseUrl);
  return { apiBaseUrl, apiKey, keyFor: apiKey ? savedKeyAddress() : '' };
}

/** The site's own API (config.json): the only address a staff token is sent to. */
export function deployedApiBaseUrl() {
  return deployedDefault;
}

export function isConnected() {
  const { apiBaseUrl, apiKey } = getConnection();
  return Boolean(apiBaseUrl && apiKey);
}

/**
 * Saves the address and the key together; the key is bound to that address
 * (and dropped if it is not one). It is kept for this tab only unless
 * `remember` asks for this device.
 */
export function saveConnection({ apiBaseUrl, apiKey, remember = false }) {
  const address = keyAddress(apiBaseUrl);
  const key = address ? String(apiKey || '').trim() : '';
  write(URL_KEY, normaliseUrl(apiBaseUrl));
  forgetKey();
  const store = storage(remember ? 'localStorage' : 'sessionStorage') || storage();
  write(API_KEY, key, store);
  write(KEY_FOR, key ? address : '', store);
}

export function forgetKey() {
  for (const kind of ['localStorage', 'sessionStorage']) {
    for (const name of KEY_NAMES) write(name, '', storage(kind));
  }
}

let deployedShopName = '';

/** The shop's name for printed papers (config.json's shopName), '' when there is none. */
export function shopName() {
  return deployedShopName;
}

/** The deploy's config.json ({"apiBaseUrl": ..., "shopName": ...}) as the default address; absent locally. */
export async function loadDeployedDefault() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    const response = await fetch('config.json', { cache: 'no-cache', signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel(); // read to the end, so no request stays open
      return;
    }
    const config = await response.json();
    if (config && typeof config.apiBaseUrl === 'string') deployedDefault = normaliseUrl(config.apiBaseUrl);
    setSignInConfig(config && config.signIn);
    if (config && typeof config.shopName === 'string') deployedShopName = config.shopName.trim();
  } catch {
    // No config.json (local development) or not JSON: no default.
  } finally {
    clearTimeout(timer);
  }
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `make run` prints a link ending in #api=<url>&key=<key>. A link never
 * changes the saved connection: anyone can craft one, to move the console
 * to their API or to bind their own key to this one. It only fills in the
 * connect screen, which shows where the key will go; nothing is saved until
 * the operator presses Connect there. The key leaves the address bar and the
 * history at once and is held in this page's memory for that screen.
 * Returns true when the fragment was a connect link.
 */
export function takeConnectionFromFragment() {
  const hash = window.location.hash;
  if (!hash || hash.startsWith('#/')) return false;
  const values = {};
  for (const part of hash.slice(1).split('&')) {
    const index = part.indexOf('=');
    if (index > 0) values[decode(part.slice(0, index))] = decode(part.slice(index + 1));
  }
  if (!('api' in values) && !('key' in values)) return false;
  const api = normaliseUrl(values.api) || getConnection().apiBaseUrl;
  linkPrefill = { api, key: String(values.key || '').trim() };
  const here = `${window.location.pathname}${window.location.search}`;
  window.history.replaceState(null, '', `${here}#/connect?api=${encodeURIComponent(api)}`);
  return true;
}

let linkPrefill = null;

/** What the last connect link proposed ({api, key}), once; null when none. */
export function takeLinkPrefill() {
  const prefill = linkPrefill;
  linkPrefill = null;
  return prefill;
}
