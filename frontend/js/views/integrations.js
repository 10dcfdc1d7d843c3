// Integrations: webhook endpoints (admin key). Add one (its signing secret is
// shown once, here), send a test event, read the delivery log (attempts,
// status codes, latency, next retry; an open log refreshes itself while the
// tab is visible) and retry a delivery; delete an endpoint once confirmed.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { LIVE_SECONDS, every } from '../live.js';
import { errorPanel, notify, notifyError, whileBusy } from '../ui.js';

const EVENT_TYPES = ['order.created', 'order.updated', 'order.status_changed'];

function secretPanel(secret) {
  const field = h('input', { type: 'text', readonly: true, value: secret, class: 'secret', 'aria-label': 'Signing secret',
    size: 60 });
  return h('div', { class: 'message message-success', role: 'status', dataset: { testid: 'webhook-secret' } },
    h('p', {}, 'Signing secret: copy it now, it is not shown again. Receivers verify the webhook-signature header with it.'),
    field);
}

function orderLabel(delivery) {
  return delivery.order_number ? `#${delivery.order_number}` : delivery.order_id.slice(0, 8);
}

function attemptsSummary(delivery) {
  const last = delivery.attempts[delivery.attempts.length - 1];
  if (!last) return 'not attempted yet';
  const answer = last.status_code ? `HTTP ${last.status_code}` : last.error;
  return `${delivery.attempts.length} × · last ${answer} in ${last.latency_ms} ms`;
}

function deliveriesTable(webhook, deliveries, reload) {
  if (!deliveries.length) return h('p', {}, 'No deliveries yet.');
  const rows = deliveries.map((delivery) => {
    const retry = h('button', { type: 'button', class: 'button small' }, 'Retry');
    retry.addEventListener('click', () => whileBusy(retry, 'Queuing…', async () => {
      try {
        await api.retryDelivery(webhook.webhook_id, delivery.delivery_id);
        notify(`Delivery ${delivery.delivery_id} queued again.`, 'success');
        await reload();
      } catch (error) {
        notifyError(error);
      }
    }));
    return h('tr', { dataset: { delivery: delivery.delivery_id } },
      h('td', { 'data-label': 'Delivery' }, h('code', { class: 'small wrap' }, delivery.delivery_id)),
      h('td', { 'data-label': 'Event' }, delivery.event_type),
      h('td', { 'data-label': 'Order' }, delivery.order_id ? h('a', { href: `#/orders/${encodeURIComponent(delivery.order_id)}` },
        orderLabel(delivery)) : '—'),
      h('td', { 'data-label': 'Status', class: 'delivery-status' }, delivery.status),
      h('td', { 'data-label': 'Attempts' }, attemptsSummary(delivery)),
      h('td', { 'data-label': 'Next retry' }, delivery.next_retry_at ? formatDateTime(delivery.next_retry_at) : '—'),
      h('td', { 'data-label': 'Retry' }, retry));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'deliveries-table' },
    h('caption', { class: 'visually-hidden' }, 'Deliveries, newest first'),
    h('thead', {}, h('tr', {}, ['Delivery (webhook-id)', 'Event', 'Order', 'Status', 'Attempts', 'Next retry']
      .map((title) => h('th', { scope: 'col' }, title)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Retry')))),
    h('tbody', {}, rows)));
}

/** `openLogs`: the set of open delivery logs' refresh functions, asked again while the page is shown. */
function endpointCard(webhook, refreshList, openLogs) {
  const log = h('div', { class: 'deliveries', 'aria-live': 'polite' });
  const loadLog = async () => {
    openLogs.add(loadLog);
    try {
      const { deliveries } = await api.webhookDeliveries(webhook.webhook_id, { limit: 50 });
      replaceChildren(log, deliveriesTable(webhook, deliveries, loadLog),
        h('p', { class: 'hint' }, `Refreshed every ${LIVE_SECONDS} seconds while this page is open.`));
    } catch (error) {
      replaceChildren(log, errorPanel(error, loadLog));
    }
  };
  const action = (label, busy, task) => {
    const button = h('button', { type: 'button', class: 'button small' }, label);
    button.addEventListener('click', () => whileBusy(button, busy, async () => {
      try {
        await task();
      } catch (error) {
        notifyError(error);
      }
    }));
    return button;
  };
  const secretSlot = h('div', {});
  const confirmSlot = h('div', {});
  const deleteButton = h('button', { type: 'button', class: 'button small danger-outline', 'aria-expanded': 'false' }, 'Delete');
  deleteButton.addEventListener('click', () => {
    const confirm = h('button', { type: 'button', class: 'button danger' }, 'Delete endpoint');
    const keep = h('button', { type: 'button', class: 'button', onclick: () => {
      replaceChildren(confirmSlot);
      deleteButton.setAttribute('aria-expanded', 'false');
      deleteButton.focus();
    } }, 'Keep it');
    confirm.addEventListener('click', () => whileBusy(confirm, 'Deleting…', async () => {
      try {
        await api.deleteWebhook(webhook.webhook_id);
        openLogs.delete(loadLog);
        notify(`Endpoint ${webhook.url} deleted: it gets no further deliveries.`, 'success');
        await refreshList();
      } catch (error) {
        notifyError(error);
      }
    }));
    replaceChildren(confirmSlot, h('div', { class: 'confirm-panel', role: 'group', 'aria-label': 'Confirm deleting this endpoint' },
      h('p', {}, h('strong', {}, `Delete ${webhook.url}?`), ' It gets no further deliveries, and its delivery log goes with it.'),
      h('div', { class: 'form-actions' }, confirm, keep)));
    deleteButton.setAttribute('aria-expanded', 'true');
    confirm.focus();
  });
  return h('li', { class: 'card webhook', dataset: { webhook: webhook.webhook_id } },
    h('h2', { class: 'wrap' }, webhook.url),
    h('p', {}, h('span', { class: `badge ${webhook.enabled ? 'badge-delivered' : 'badge-cancelled'}` },
      webhook.enabled ? 'Enabled' : 'Disabled'),
    webhook.enabled ? '' : ` ${webhook.disabled_reason || ''}`,
    h('span', { class: 'muted' }, ` · events: ${webhook.events.join(', ')}${webhook.description ? ` · ${webhook.description}` : ''}`)),
    h('div', { class: 'action-buttons' },
      action('Send test event', 'Sending…', async () => {
        await api.sendTestEvent(webhook.webhook_id);
        notify('Test event queued.', 'success');
        await loadLog();
      }),
      action('Deliveries', 'Loading…', loadLog),
      action(webhook.enabled ? 'Disable' : 'Enable', 'Saving…', async () => {
        await api.updateWebhook(webhook.webhook_id, { enabled: !webhook.enabled });
        await refreshList();
      }),
      action('Rotate secret', 'Rotating…', async () => {
        const { secret } = await api.rotateWebhookSecret(webhook.webhook_id);
        replaceChildren(secretSlot, secretPanel(secret));
      }),
      deleteButton),
    confirmSlot,
    secretSlot,
    log);
}

export function integrationsView(ctx) {
  const list = h('ul', { class: 'webhooks', 'aria-label': 'Webhook endpoints' });
  const created = h('div', {});
  const openLogs = new Set();
  ctx.onLeave(every(LIVE_SECONDS, () => Promise.all([...openLogs].map((load) => load()))));
  const refreshList = async () => {
    try {
      const webhooks = await api.webhooks();
      openLogs.clear();
      replaceChildren(list, webhooks.length ? webhooks.map((webhook) => endpointCard(webhook, refreshList, openLogs))
        : h('li', { class: 'card muted' }, 'No endpoints yet.'));
    } catch (error) {
      replaceChildren(list, errorPanel(error, refreshList));
    }
  };
  const urlId = uniqueId('webhook-url');
  const descriptionId = uniqueId('webhook-description');
  const url = h('input', { type: 'url', id: urlId, required: true, placeholder: 'https://example.com/webhooks' });
  const description = h('input', { type: 'text', id: descriptionId });
  const boxes = EVENT_TYPES.map((type) => h('input', { type: 'checkbox', value: type, checked: true, id: `event-${type}` }));
  const add = h('button', { type: 'submit', class: 'button primary' }, 'Add endpoint');
  const form = h('form', { class: 'card form webhook-form', 'aria-label': 'Add a webhook endpoint' },
    h('h2', {}, 'Add an endpoint'),
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: urlId }, 'Endpoint URL'), url),
      h('div', { class: 'field' }, h('label', { for: descriptionId }, 'Description (optional)'), description)),
    h('fieldset', { class: 'event-choices' }, h('legend', {}, 'Events'),
      boxes.map((box) => h('label', { class: 'radio' }, box, ` ${box.value}`))),
    h('div', { class: 'form-actions' }, add));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(add, 'Adding…', async () => {
      const events = boxes.filter((box) => box.checked).map((box) => box.value);
      try {
        const { secret } = await api.createWebhook({
          url: url.value.trim(), ...(events.length < EVENT_TYPES.length ? { events } : {}),
          ...(description.value.trim() ? { description: description.value.trim() } : {}) });
        replaceChildren(created, secretPanel(secret));
        url.value = '';
        description.value = '';
        await refreshList();
      } catch (error) {
        notifyError(error);
      }
    });
  });
  refreshList();
  return { el: h('section', { class: 'view integrations' },
    h('div', { class: 'view-header' }, h('h1', {}, 'Integrations')),
    h('p', { class: 'lead' }, 'Webhooks send signed order events (Standard Webhooks) to your endpoints, retried for over a day.'),
    form, created, list) };
}
