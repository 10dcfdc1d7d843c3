// Where the API is and which key to send. Both live in this browser's
// localStorage only; the deployed files carry at most the API address
// (config.json, written by the deploy), never a key.

const URL_KEY = 'oms.apiBaseUrl';
const API_KEY = 'oms.apiKey';
let deployedDefault = '';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the connection lasts for this page only
  }
}
const memory = {};

function read(name) {
  const store = storage();
  return (store ? store.getItem(name) : memory[name]) || '';
}

function write(name, value) {
  const store = storage();
  if (store) {
    if (value) store.setItem(name, value);
    else store.removeItem(name);
  } else {
    memory[name] = value;
  }
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

export function getConnection() {
  return { apiBaseUrl: normaliseUrl(read(URL_KEY) || deployedDefault), apiKey: read(API_KEY) };
}

export function isConnected() {
  const { apiBaseUrl, apiKey } = getConnection();
  return Boolean(apiBaseUrl && apiKey);
}

export function saveConnection({ apiBaseUrl, apiKey }) {
  if (apiBaseUrl !== undefined) write(URL_KEY, normaliseUrl(apiBaseUrl));
  if (apiKey !== undefined) write(API_KEY, String(apiKey).trim());
}

export function forgetKey() {
  write(API_KEY, '');
}

/** The deploy's config.json ({"apiBaseUrl": ...}) as the default address; absent locally. */
export async function loadDeployedDefault() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    const response = await fetch('config.json', { cache: 'no-cache', signal: controller.signal });
    if (!response.ok) return;
    const config = await response.json();
    if (config && typeof config.apiBaseUrl === 'string') deployedDefault = normaliseUrl(config.apiBaseUrl);
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
 * `make run` prints a link ending in #api=<url>&key=<key>. Take both, save
 * them, and drop the fragment from the address bar and history so the key
 * is not left on screen. Returns true when the fragment was a connect link.
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
  if (values.api) write(URL_KEY, normaliseUrl(values.api));
  if (values.key) write(API_KEY, values.key.trim());
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/orders`);
  return true;
}
