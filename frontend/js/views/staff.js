// Staff (managers): everyone who may sign in, with their role and last
// sign-in; invite a person by e-mail with a role (Cognito e-mails them a
// temporary password), change a role, disable or enable an account.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { staffUser } from '../session.js';
import { errorPanel, notify, notifyError, whileBusy } from '../ui.js';

const ROLES = [['viewer', 'Viewer: sees everything, changes nothing'], ['fulfilment', 'Fulfilment: also works on orders'],
  ['manager', 'Manager: also the catalog, integrations and staff']];
const STATUS_WORDS = { FORCE_CHANGE_PASSWORD: 'Invited (has not signed in yet)', CONFIRMED: 'Active' };

function roleSelect(id, value, label) {
  return h('select', { id, 'aria-label': label }, ROLES.map(([role, words]) =>
    h('option', { value: role, selected: role === value }, words.split(':')[0])));
}

export function staffView() {
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const me = staffUser();

  async function load() {
    try {
      const staff = await api.staff();
      replaceChildren(list, staff.length ? table(staff) : h('p', {}, 'No one yet: invite your team below.'));
    } catch (error) {
      replaceChildren(list, errorPanel(error, load));
    }
  }

  function row(member) {
    const who = member.name || member.email;
    const role = roleSelect(uniqueId('role'), member.role, `Role of ${who}`);
    const save = h('button', { type: 'button', class: 'button small' }, 'Change role');
    save.addEventListener('click', () => whileBusy(save, 'Saving…', async () => {
      try {
        await api.changeStaff(member.user_id, { role: role.value });
        notify(`${who} is now ${role.value}.`, 'success');
        await load();
      } catch (error) {
        notifyError(error);
      }
    }));
    const toggle = h('button', { type: 'button', class: member.enabled ? 'button small danger-outline' : 'button small' },
      member.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => whileBusy(toggle, 'Saving…', async () => {
      try {
        await api.changeStaff(member.user_id, { enabled: !member.enabled });
        notify(member.enabled ? `${who} is disabled and signed out everywhere.` : `${who} can sign in again.`, 'success');
        await load();
      } catch (error) {
        notifyError(error);
      }
    }));
    const self = me && me.email === member.email;
    return h('tr', { dataset: { userId: member.user_id } },
      h('td', { 'data-label': 'Name' }, member.name || '—', h('div', { class: 'muted small' }, member.email)),
      h('td', { 'data-label': 'Role' }, self ? member.role : h('div', { class: 'input-with-button' }, role, save)),
      h('td', { 'data-label': 'Account' }, member.enabled ? (STATUS_WORDS[member.status] || member.status) : 'Disabled'),
      h('td', { 'data-label': 'Last sign-in' }, member.last_sign_in ? formatDateTime(member.last_sign_in) : 'Never'),
      h('td', { 'data-label': 'Actions' }, self ? h('span', { class: 'muted small' }, 'You') : toggle));
  }

  function table(staff) {
    return h('table', { class: 'staff-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Role', 'Account', 'Last sign-in', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, staff.map(row)));
  }

  const emailId = uniqueId('invite-email');
  const nameId = uniqueId('invite-name');
  const roleId = uniqueId('invite-role');
  const email = h('input', { id: emailId, type: 'email', name: 'email', autocomplete: 'off', required: true });
  const name = h('input', { id: nameId, type: 'text', name: 'name', autocomplete: 'off', required: true });
  const role = roleSelect(roleId, 'viewer', 'Role');
  const inviteButton = h('button', { type: 'submit', class: 'button primary' }, 'Invite');
  const form = h('form', {
    class: 'card form', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      if (!email.value.trim() || !name.value.trim()) {
        notify('Enter the person’s e-mail and name.', 'error');
        return;
      }
      whileBusy(inviteButton, 'Inviting…', async () => {
        try {
          await api.inviteStaff({ email: email.value.trim(), name: name.value.trim(), role: role.value });
          notify(`Invited ${email.value.trim()}: they get an e-mail with a temporary password.`, 'success');
          email.value = '';
          name.value = '';
          await load();
        } catch (error) {
          notifyError(error);
        }
      });
    },
  }, h('h2', {}, 'Invite a person'),
  h('div', { class: 'field' }, h('label', { for: emailId }, 'E-mail'), email),
  h('div', { class: 'field' }, h('label', { for: nameId }, 'Name'), name),
  h('div', { class: 'field' }, h('label', { for: roleId }, 'Role'), role),
  h('div', { class: 'form-actions' }, inviteButton));

  load();
  return { el: h('section', { class: 'view' }, h('h1', {}, 'Staff'),
    h('p', { class: 'lead' }, 'Who may sign in to this console, and what they may do. Disabling someone signs them out '
      + 'everywhere at once.'),
    h('section', { class: 'card' }, list), form) };
}
