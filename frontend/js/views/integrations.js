// Integrations: webhook endpoints (admin key). Add one (its signing secret is
// shown once, here), send a test event, read the delivery log (attempts,
// status codes, latency, next retry) and retry a delivery.
import { h, replaceChildren } from '../dom.js';
import { api } from '../api.js';
import { errorPanel, notify, notifyError, whileBusy } from '../ui.js';

const EVENT_TYPES = ['order.created', 'order.updated', 'order.status_changed'];

function secretPanel(secret) {
  const field = h('input', { type: 'text', readonly: true, value: secret, class: 'secret', 'aria-label': 'Signing secret',
    size: 60 });
  return h('div', { class: 'message message-success', role: 'status', dataset: { testid: 'webhook-secret' } },
    h('p', {}, 'Signing secret: copy it now, it is not shown again. Receivers verify the webhook-signature header with it.'),
    field);
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
      h('td', {}, h('code', {}, delivery.delivery_id)),
      h('td', {}, delivery.event_type),
      h('td', {}, delivery.order_id ? h('a', { href: `#/orders/${encodeURIComponent(delivery.order_id)}` },
        delivery.order_id.slice(0, 8)) : '—'),
      h('td', { class: 'delivery-status' }, delivery.status),
      h('td', {}, attemptsSummary(delivery)),
      h('td', {}, delivery.next_retry_at ? new Date(delivery.next_retry_at).toLocaleString() : '—'),
      h('td', {}, retry));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'deliveries-table' },
    h('thead', {}, h('tr', {}, ['Delivery (webhook-id)', 'Event', 'Order', 'Status', 'Attempts', 'Next retry', '']
      .map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows)));
}

function endpointCard(webhook, refreshList) {
  const log = h('div', { class: 'deliveries' });
  const loadLog = async () => {
    try {
      const { deliveries } = await api.webhookDeliveries(webhook.webhook_id, { limit: 50 });
      replaceChildren(log, deliveriesTable(webhook, deliveries, loadLog));
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
  return h('li', { class: 'card webhook', dataset: { webhook: webhook.webhook_id } },
    h('h2', {}, webhook.url),
    h('p', {}, `${webhook.enabled ? 'Enabled' : `Disabled: ${webhook.disabled_reason || ''}`} · events: `
      + `${webhook.events.join(', ')}${webhook.description ? ` · ${webhook.description}` : ''}`),
    h('div', { class: 'actions' },
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
      action('Delete', 'Deleting…', async () => {
        await api.deleteWebhook(webhook.webhook_id);
        await refreshList();
      })),
    secretSlot,
    log);
}

export function integrationsView() {
  const list = h('ul', { class: 'webhooks', 'aria-label': 'Webhook endpoints' });
  const created = h('div', {});
  const refreshList = async () => {
    try {
      const webhooks = await api.webhooks();
      replaceChildren(list, webhooks.length ? webhooks.map((webhook) => endpointCard(webhook, refreshList))
        : h('li', {}, 'No endpoints yet.'));
    } catch (error) {
      replaceChildren(list, errorPanel(error, refreshList));
    }
  };
  const url = h('input', { type: 'url', id: 'webhook-url', required: true, placeholder: 'https://example.com/webhooks' });
  const description = h('input', { type: 'text', id: 'webhook-description' });
  const boxes = EVENT_TYPES.map((type) => h('input', { type: 'checkbox', value: type, checked: true, id: `event-${type}` }));
  const add = h('button', { type: 'submit', class: 'button primary' }, 'Add endpoint');
  const form = h('form', { class: 'card', 'aria-label': 'Add a webhook endpoint' },
    h('label', { for: 'webhook-url' }, 'Endpoint URL'), url,
    h('fieldset', {}, h('legend', {}, 'Events'), boxes.map((box) => h('label', {}, box, ` ${box.value}`))),
    h('label', { for: 'webhook-description' }, 'Description (optional)'), description,
    add);
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
  return { el: h('section', { class: 'view integrations' }, h('h1', {}, 'Integrations'),
    h('p', {}, 'Webhooks POST signed order events (Standard Webhooks) to your endpoints, retried for over a day.'),
    form, created, list) };
}
