// The order's workflow execution: its status, polled every second from the
// order while it runs, then its steps and events once from Step Functions.
// When a run this panel watched ends, its last step changed the order, so the
// page is asked to reload it.
import { h, replaceChildren } from '../dom.js';
import { api, ApiError } from '../api.js';
import { formatDateTime, formatTime, humanise } from '../format.js';
import { errorPanel, executionBadge } from '../ui.js';

const POLL_MS = 1000;
const MAX_POLLS = 180; // stop after about three minutes; the Refresh button resumes
const NEW_RUN_POLLS = 5; // a run just started may not be visible for a moment

/** Workflow events (oldest first) -> the states it went through and how each ended. */
function stepsOf(events) {
  const steps = [];
  let open = null;
  for (const event of events) {
    const type = event.type || '';
    if (type.endsWith('StateEntered') && event.state_name) {
      open = { name: event.state_name, kind: type.replace('StateEntered', ''), outcome: type === 'FailStateEntered' ? 'failed' : 'running' };
      if (type === 'SucceedStateEntered') open.outcome = 'succeeded';
      steps.push(open);
    } else if (type.endsWith('StateExited') && open) {
      if (open.outcome === 'running') open.outcome = 'done';
    } else if (/(Task|Lambda|Activity)Failed|TimedOut/.test(type) && open) {
      open.outcome = 'error';
    }
  }
  return steps;
}

function statusView(status, order) {
  const events = (status.recent_events || []).slice().reverse(); // oldest first
  const steps = stepsOf(events);
  const running = status.status === 'RUNNING';
  return [
    h('p', { class: 'workflow-status' }, 'Execution ', executionBadge(status.status),
      running ? h('span', { class: 'muted small' }, ' checking every second…') : null),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Name'), h('dd', { class: 'mono small wrap' }, status.execution_name || '—'),
      h('dt', {}, 'Attempt'), h('dd', {}, String(order.workflow_attempt || 1)),
      h('dt', {}, 'Started'), h('dd', {}, formatDateTime(status.start_date)),
      h('dt', {}, 'Ended'), h('dd', {}, status.stop_date ? formatDateTime(status.stop_date) : 'still running')),
    steps.length ? h('ol', { class: 'steps', 'aria-label': 'Workflow steps' },
      steps.map((step) => h('li', { class: `step step-${step.outcome}` },
        h('span', { class: 'step-name' }, step.name),
        h('span', { class: 'muted small' }, ` ${step.kind.toLowerCase()} · ${step.outcome}`)))) : null,
    events.length ? h('details', { class: 'events' },
      h('summary', {}, `All events (${events.length}, oldest first)`),
      h('ol', {}, events.map((event) => h('li', {},
        h('span', { class: 'mono small' }, formatTime(event.timestamp)), ' ',
        humanise(event.type), event.state_name ? h('span', { class: 'muted' }, ` · ${event.state_name}`) : null)))) : null,
  ];
}

/**
 * `currentOrder()` is the order the page shows; `onRunningChange(running)`
 * tells the page whether a run is going on; `reloadOrder()` is awaited when a
 * run ends, unless `hasUnsavedChanges()` (a reload would drop them).
 */
export function workflowPanel({ orderId, currentOrder, onRunningChange, reloadOrder, hasUnsavedChanges }) {
  let timer = null;
  let polls = 0;
  let generation = 0; // an answer to a superseded status request is dropped
  let stopped = false;
  let running = false;
  let sawRunning = false; // this panel watched the execution run (so its end changed the order)
  let reloadedFor = null; // execution whose end already triggered an order reload

  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading the workflow status…'));
  const refresh = h('button', { type: 'button', class: 'button small', onclick: () => follow() }, 'Refresh');
  const el = h('section', { class: 'card', 'aria-labelledby': 'workflow-heading' },
    h('div', { class: 'card-header' }, h('h2', { id: 'workflow-heading' }, 'Workflow'), refresh),
    body);

  function setRunning(value) {
    if (value === running) return;
    running = value;
    onRunningChange(running);
  }

  function again(delay = POLL_MS) {
    timer = setTimeout(poll, delay);
  }

  async function afterEnd(status) {
    // Once per execution, and not over unsaved edits.
    const stale = sawRunning || currentOrder().status === 'pending';
    if (!stale || reloadedFor === status.execution_arn || hasUnsavedChanges()) return;
    reloadedFor = status.execution_arn;
    sawRunning = false;
    const before = currentOrder().execution_arn;
    await reloadOrder();
    if (!stopped && currentOrder().execution_arn !== before) poll(); // the reload found a newer run
  }

  async function poll() {
    clearTimeout(timer);
    const ticket = ++generation;
    const order = currentOrder();
    if (stopped || !order) return;
    if (!order.execution_arn) {
      setRunning(false);
      replaceChildren(body, h('p', { class: 'muted' }, order.status === 'pending'
        ? 'No workflow is running for this order. Start it with “Start workflow”.'
        : 'This order has no workflow execution.'));
      return;
    }
    try {
      let status = await api.workflowStatus(orderId);
      if (status.status !== 'RUNNING') {
        // Ended: its steps once, from Step Functions (the polls above read only the order).
        status = await api.workflowStatus(orderId, { history: true }).catch(() => status);
      }
      if (stopped || ticket !== generation) return;
      replaceChildren(body, statusView(status, currentOrder()));
      setRunning(status.status === 'RUNNING');
      if (!running) {
        await afterEnd(status);
        return;
      }
      sawRunning = true;
      polls += 1;
      if (polls < MAX_POLLS) again();
      else body.append(h('p', { class: 'hint' }, 'Still running; press Refresh to keep watching.'));
    } catch (error) {
      if (stopped || ticket !== generation) return;
      if (error instanceof ApiError && error.status === 404) {
        setRunning(false);
        if (currentOrder().status === 'pending' && polls < NEW_RUN_POLLS) {
          polls += 1;
          again();
        }
        replaceChildren(body, h('p', { class: 'muted' }, `${error.message}.`));
        return;
      }
      replaceChildren(body, errorPanel(error, () => follow()));
    }
  }

  /** Watch (again) from now; `newRun`: a run was just started, so its end must reload the order. */
  function follow({ newRun = false } = {}) {
    if (newRun) reloadedFor = null;
    polls = 0;
    poll();
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
  }

  return { el, follow, stop, isRunning: () => running };
}
