// Boot and hash routing: #/orders, #/orders/<id>, #/new, #/catalog, #/catalog/<id>, #/customers,
// #/customers/<id>, #/dashboard, #/integrations, #/staff, #/sign-in, #/connect, #/print.
// Each view is a function (ctx) -> {el, update?}; ctx.onLeave registers
// cleanup (timers) that runs when the operator navigates away.
import { h, replaceChildren } from './dom.js';
import { getConnection, isConnected, loadDeployedDefault, takeConnectionFromFragment } from './connection.js';
import { clearMessagesOnNavigate, notify } from './ui.js';
import { connectView } from './views/connect.js';
import { ordersView } from './views/orders.js';
import { orderDetailView } from './views/order-detail.js';
import { newOrderView } from './views/new-order.js';
import { dashboardView } from './views/dashboard.js';
import { integrationsView } from './views/integrations.js';
import { printView } from './views/print.js';
import { catalogView } from './views/catalog.js';
import { productView } from './views/product.js';
import { customersView } from './views/customers.js';
import { customerView } from './views/customer.js';
// Staff sign-in: the sign-in page, who is signed in (header, role-aware UI), sign out.
import { isSignedIn, onSessionChange, signInAvailable, signOut, staffUser } from './session.js';
import { signInView } from './views/sign-in.js';
import { staffView } from './views/staff.js';

const ROUTES = [
  { name: 'connect', pattern: /^\/connect$/, view: connectView, title: 'Connect', open: true },
  { name: 'sign-in', pattern: /^\/sign-in$/, view: signInView, title: 'Sign in', open: true },
  { name: 'staff', pattern: /^\/staff$/, view: staffView, title: 'Staff' },
  { name: 'orders', pattern: /^\/orders$/, view: ordersView, title: 'Orders' },
  { name: 'order', pattern: /^\/orders\/([^/]+)$/, view: orderDetailView, title: 'Order', nav: 'orders' },
  { name: 'new', pattern: /^\/new$/, view: newOrderView, title: 'New order' },
  { name: 'catalog', pattern: /^\/catalog$/, view: catalogView, title: 'Catalog' },
  { name: 'product', pattern: /^\/catalog\/([^/]+)$/, view: productView, title: 'Product', nav: 'catalog' },
  { name: 'customers', pattern: /^\/customers$/, view: customersView, title: 'Customers' },
  { name: 'customer', pattern: /^\/customers\/([^/]+)$/, view: customerView, title: 'Customer', nav: 'customers' },
  { name: 'dashboard', pattern: /^\/dashboard$/, view: dashboardView, title: 'Dashboard' },
  { name: 'integrations', pattern: /^\/integrations$/, view: integrationsView, title: 'Integrations' },
  { name: 'print', pattern: /^\/print$/, view: printView, title: 'Print' },
];

let current = null; // {route, key, instance, cleanups}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '');
  const index = raw.indexOf('?');
  const path = (index >= 0 ? raw.slice(0, index) : raw) || '/orders';
  const params = new URLSearchParams(index >= 0 ? raw.slice(index + 1) : '');
  return { path, params };
}

export function navigate(hash, { replace = false } = {}) {
  if (replace) {
    window.history.replaceState(null, '', hash);
    render();
  } else if (window.location.hash === hash) {
    render();
  } else {
    window.location.hash = hash; // hashchange renders
  }
}

function showConnection() {
  const { apiBaseUrl } = getConnection();
  const label = document.getElementById('connection-label');
  const user = isSignedIn() ? staffUser() : null;
  label.textContent = user ? `${user.name} · ${user.role || 'no role'}` : isConnected() ? `API: ${apiBaseUrl}` : 'Not connected';
  label.title = user ? user.email : isConnected() ? apiBaseUrl : '';
  document.getElementById('sign-out').hidden = !user;
  document.getElementById('change-connection').hidden = Boolean(user);
  // The role decides what the page offers (styles.css hides the rest); the API refuses anyway.
  if (user) document.body.dataset.role = user.role || 'none';
  else delete document.body.dataset.role;
}

function leaveCurrent() {
  if (!current) return;
  for (const cleanup of current.cleanups) {
    try {
      cleanup();
    } catch {
      // a failing cleanup must not block the next view
    }
  }
  current = null;
}

function render() {
  takeConnectionFromFragment();
  showConnection();
  const { path, params } = parseHash();
  let route = ROUTES.find((r) => r.pattern.test(path));
  if (!route) {
    window.history.replaceState(null, '', '#/orders');
    return render();
  }
  if (!route.open && !isConnected() && !isSignedIn()) {
    const next = window.location.hash || '#/orders';
    const page = signInAvailable() ? 'sign-in' : 'connect';
    window.history.replaceState(null, '', `#/${page}?next=${encodeURIComponent(next)}`);
    return render();
  }
  const match = path.match(route.pattern);
  const key = `${route.name}:${match.slice(1).join('/')}`;
  // Same screen, new query (filters, page): let the view update in place.
  if (current && current.key === key && current.instance.update) {
    current.instance.update(params);
    return undefined;
  }
  leaveCurrent();
  clearMessagesOnNavigate();
  const cleanups = [];
  const ctx = {
    params,
    match,
    navigate,
    onLeave: (fn) => cleanups.push(fn),
    refreshConnection: showConnection,
  };
  const instance = route.view(ctx);
  current = { route, key, instance, cleanups };
  const main = document.getElementById('main');
  replaceChildren(main, instance.el);
  document.title = `${route.title} · Order console`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === (route.nav || route.name)) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  return undefined;
}

async function boot() {
  await loadDeployedDefault();
  window.addEventListener('hashchange', render);
  document.getElementById('sign-out').addEventListener('click', async () => {
    await signOut();
    notify('Signed out.', 'success', { carry: true });
    navigate('#/sign-in');
  });
  // Signed out elsewhere (a refused refresh): back to the sign-in page, never a broken screen.
  onSessionChange(() => {
    showConnection();
    if (!isSignedIn() && !isConnected() && current && !current.route.open) render();
  });
  render();
}

boot().catch((error) => {
  replaceChildren(document.getElementById('main'), h('p', { class: 'panel-error', role: 'alert' },
    `The console failed to start: ${error.message}`));
});
