// Every call to the Order API is one of `api`'s below, made by `request`: it
// adds the key and turns network trouble and non-2xx answers into an ApiError
// that keeps the API's body ({message, code, param, errors}) for words.js to word.
import { deployedApiBaseUrl, getConnection, keyAddress, sameAddress } from './connection.js';
import { bearerToken, refresh } from './session.js';

export class ApiError extends Error {
  constructor(message, status = 0, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status; // 0: no HTTP answer at all
    this.body = body;
  }
}

const TIMEOUT_MS = 20000;

/** The key goes only to the address it was saved for (keyFor), never anywhere else. */
function keyMayGoTo(url, apiBaseUrl, keyFor) {
  return sameAddress(apiBaseUrl, keyFor) && url.origin === new URL(keyAddress(keyFor)).origin;
}

/**
 * `connection` ({apiBaseUrl, apiKey, keyFor}) overrides the saved one (the connect screen's check).
 * Signed-in staff send their token instead of a key, and only to the site's own API (config.json).
 */
export async function request(method, path, { query, body, headers, connection, retried = false } = {}) {
  const token = connection ? '' : await bearerToken();
  const { apiBaseUrl, apiKey, keyFor } = token ? { apiBaseUrl: deployedApiBaseUrl() } : connection || getConnection();
  if (!apiBaseUrl) throw new ApiError('Not connected: enter the API address on the connect screen.');
  let url;
  try {
    url = new URL(apiBaseUrl + path);
  } catch {
    throw new ApiError(`The API address ${apiBaseUrl} is not a valid URL.`);
  }
  if (apiKey && !keyMayGoTo(url, apiBaseUrl, keyFor)) {
    throw new ApiError(`Nothing was sent: the saved key belongs to ${keyFor || 'no address'}, not ${apiBaseUrl}. `
      + 'Use “Change connection” to connect again.');
  }
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  const credential = token ? { Authorization: `Bearer ${token}` } : { 'x-api-key': apiKey || '' };
  const init = { method, headers: { ...credential, ...(headers || {}) }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  let text;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
    text = await response.text();
  } catch (error) {
    if (error.name === 'AbortError') {
      throw new ApiError(`The API at ${apiBaseUrl} did not answer within ${TIMEOUT_MS / 1000} seconds. Try again.`);
    }
    // fetch gives no detail here: the host is down, the address is wrong, or CORS refused us.
    throw new ApiError(`Cannot reach the API at ${apiBaseUrl}. Check the address and that the API is running.`);
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.status === 401 && token && !retried && await refresh()) {
    return request(method, path, { query, body, headers, retried: true }); // expired in flight: once more, refreshed
  }
  if (!response.ok) {
    const message = data && typeof data.message === 'string' && data.message
      ? data.message : `The API answered ${response.status} ${response.statusText || ''}`.trim();
    throw new ApiError(message, response.status, data);
  }
  return { data, status: response.status, etag: response.headers.get('ETag') };
}

function ifMatch(version) {
  return version === undefined || version === null ? {} : { 'If-Match': `"${version}"` };
}

function randomKey() {
  // crypto.randomUUID needs a secure context; the S3 website may be plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const orderPath = (id) => `/orders/${encodeURIComponent(id)}`;
const productPath = (id) => `/products/${encodeURIComponent(id)}`;
const customerPath = (id) => `/customers/${encodeURIComponent(id)}`;
const webhookPath = (id) => `/webhooks/${encodeURIComponent(id)}`;

export const api = {
  listOrders: (query) => request('GET', '/orders', { query }).then((r) => r.data),
  getOrder: (id) => request('GET', orderPath(id)).then((r) => r.data),
  createOrder: (body, idempotencyKey = randomKey()) =>
    request('POST', '/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }).then((r) => r.data),
  updateOrder: (id, body, version) => request('PUT', orderPath(id), { body, headers: ifMatch(version) }).then((r) => r.data),
  cancelOrder: (id, reason, version) =>
    request('DELETE', orderPath(id), { body: reason ? { reason } : undefined, headers: ifMatch(version) }).then((r) => r.data),
  runWorkflow: (id) => request('POST', `${orderPath(id)}/workflow`).then((r) => r.data),
  // From the order (one read); `history`: from Step Functions, with the run's events (rate-limited).
  workflowStatus: (id, { history = false } = {}) =>
    request('GET', `/status/${encodeURIComponent(id)}${history ? '?history=true' : ''}`).then((r) => r.data),
  stats: (connection) => request('GET', '/stats', { connection }).then((r) => r.data),
  /** Ship or cancel many orders; the key makes a retry replay instead of applying twice. */
  bulkOrders: (body, idempotencyKey = randomKey()) =>
    request('POST', '/orders/bulk', { body, headers: { 'Idempotency-Key': idempotencyKey } }).then((r) => r.data),
  dashboard: (from, to) => request('GET', '/dashboard', { query: { from, to } }).then((r) => r.data),
  /** Every page of a next_token listing (products, customers), up to `cap` items (default: all). */
  async listAll(path, field, cap = Infinity) {
    const items = [];
    let token = null;
    do {
      const { data } = await request('GET', path, { query: { limit: 100, next_token: token } });
      items.push(...(data[field] || []));
      token = data.next_token;
    } while (token && items.length < cap);
    return items;
  },
  products: () => api.listAll('/products', 'products'),
  product: (id) => request('GET', productPath(id)).then((r) => r.data),
  /** Products whose id/ISBN or a name word begins `q`, the first `limit` of them. */
  findProducts: (q, limit = 25) => request('GET', '/products', { query: { q, limit } }).then((r) => r.data.products),
  createProduct: (body) => request('POST', '/products', { body }).then((r) => r.data),
  /** A change of a product; the key makes a retried restock (add_stock) move the stock once. */
  updateProduct: (id, body, idempotencyKey = randomKey()) =>
    request('PUT', productPath(id), { body, headers: { 'Idempotency-Key': idempotencyKey } }).then((r) => r.data),
  stockMovements: (id, limit = 20) =>
    request('GET', `${productPath(id)}/movements`, { query: { limit } }).then((r) => r.data),
  customers: () => api.listAll('/customers', 'customers'),
  customerPage: (query) => request('GET', '/customers', { query }).then((r) => r.data),
  customer: (id) => request('GET', customerPath(id)).then((r) => r.data),
  updateCustomer: (id, body, idempotencyKey = randomKey()) =>
    request('PUT', customerPath(id), { body, headers: { 'Idempotency-Key': idempotencyKey } }).then((r) => r.data),
  /** Customers whose id, name or e-mail matches `q`, the first `limit` of them. */
  findCustomers: (q, limit) => request('GET', '/customers', { query: { q, limit } }).then((r) => r.data.customers),
  /** The API's OpenAPI document: its schemas, limits and lifecycle (contract.js reads them). */
  openapi: () => request('GET', '/openapi.json').then((r) => r.data),
  // Webhook endpoints and their delivery log (admin key).
  webhooks: () => request('GET', '/webhooks').then((r) => r.data.webhooks),
  createWebhook: (body) => request('POST', '/webhooks', { body }).then((r) => r.data),
  updateWebhook: (id, body) => request('PUT', webhookPath(id), { body }).then((r) => r.data),
  deleteWebhook: (id) => request('DELETE', webhookPath(id)).then((r) => r.data),
  rotateWebhookSecret: (id) => request('POST', `${webhookPath(id)}/rotate-secret`).then((r) => r.data),
  sendTestEvent: (id) => request('POST', `${webhookPath(id)}/test`).then((r) => r.data),
  webhookDeliveries: (id, query) => request('GET', `${webhookPath(id)}/deliveries`, { query }).then((r) => r.data),
  retryDelivery: (id, deliveryId) =>
    request('POST', `${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`).then((r) => r.data),
  // The staff page (managers).
  staff: () => request('GET', '/staff').then((r) => r.data.staff),
  inviteStaff: (body) => request('POST', '/staff', { body }).then((r) => r.data),
  changeStaff: (id, body) => request('PUT', `/staff/${encodeURIComponent(id)}`, { body }).then((r) => r.data),
};

export { randomKey };
