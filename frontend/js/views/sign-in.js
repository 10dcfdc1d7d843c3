// The sign-in page: e-mail and password, straight to Cognito (session.js),
// never to our API. An invited person's first sign-in asks for a new
// password; "Forgot your password?" sends a code by e-mail and takes it
// with the new password. The API-key connect screen is only behind the
// "Developer connection" link at the bottom.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { confirmNewPassword, forgotPassword, setNewPassword, signIn } from '../session.js';
import { notify, whileBusy } from '../ui.js';

function field(label, props, hint) {
  const id = uniqueId(props.name);
  const input = h('input', { id, ...props, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) });
  return {
    input,
    el: h('div', { class: 'field' }, h('label', { for: id }, label), input,
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null),
  };
}

const PASSWORD_HINT = 'At least 12 characters, with upper- and lower-case letters and a number.';

export function signInView(ctx) {
  const next = ctx.params.get('next');
  const target = next && next.startsWith('#/') && !next.startsWith('#/sign-in') ? next : '#/orders';
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const card = h('div', {});
  let email = '';

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function form(title, fields, buttonLabel, busyLabel, action, extra = null) {
    const button = h('button', { type: 'submit', class: 'button primary' }, buttonLabel);
    error.hidden = true;
    return h('form', {
      class: 'card form', novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        error.hidden = true;
        const empty = fields.find((f) => !f.input.value.trim());
        if (empty) {
          fail(`Enter ${empty.input.dataset.what}.`);
          empty.input.focus();
          return;
        }
        whileBusy(button, busyLabel, async () => {
          try {
            await action();
          } catch (problem) {
            fail(problem.message);
          }
        });
      },
    }, h('h2', {}, title), ...fields.map((f) => f.el), error, h('div', { class: 'form-actions' }, button, extra));
  }

  function done(user) {
    notify(`Signed in as ${user.name}.`, 'success', { carry: true });
    ctx.refreshConnection();
    ctx.navigate(target);
  }

  function showSignIn() {
    const address = field('E-mail', { name: 'email', type: 'email', autocomplete: 'username', value: email, 'data-what': 'your e-mail' });
    const password = field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', 'data-what': 'your password' });
    const forgot = h('a', { href: '#', class: 'button small', onclick: (event) => { event.preventDefault(); email = address.input.value; showForgot(); } },
      'Forgot your password?');
    replaceChildren(card, form('Sign in', [address, password], 'Sign in', 'Signing in…', async () => {
      email = address.input.value.trim();
      const result = await signIn(email, password.input.value);
      if (result.challenge) showNewPassword(result.session);
      else done(result.user);
    }, forgot));
    address.input.focus();
  }

  function showNewPassword(session) {
    const password = field('New password', { name: 'new-password', type: 'password', autocomplete: 'new-password', 'data-what': 'a new password' }, PASSWORD_HINT);
    const again = field('New password again', { name: 'new-password-again', type: 'password', autocomplete: 'new-password', 'data-what': 'the new password again' });
    replaceChildren(card, h('p', { class: 'lead' }, 'Welcome! Choose your own password to replace the temporary one.'),
      form('Choose a password', [password, again], 'Set password and sign in', 'Saving…', async () => {
        if (password.input.value !== again.input.value) throw new Error('The two passwords differ.');
        done((await setNewPassword(email, session, password.input.value)).user);
      }));
    password.input.focus();
  }

  function showForgot() {
    const address = field('E-mail', { name: 'email', type: 'email', autocomplete: 'username', value: email, 'data-what': 'your e-mail' });
    const back = h('button', { type: 'button', class: 'button', onclick: showSignIn }, 'Back to sign in');
    replaceChildren(card, form('Reset your password', [address], 'Send me a code', 'Sending…', async () => {
      email = address.input.value.trim();
      await forgotPassword(email);
      showCode();
    }, back));
    address.input.focus();
  }

  function showCode() {
    const code = field('Code from the e-mail', { name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', 'data-what': 'the code' });
    const password = field('New password', { name: 'new-password', type: 'password', autocomplete: 'new-password', 'data-what': 'a new password' }, PASSWORD_HINT);
    replaceChildren(card, h('p', { class: 'lead' }, `If ${email} has an account, a code is on its way there.`),
      form('Enter the code', [code, password], 'Set password', 'Saving…', async () => {
        await confirmNewPassword(email, code.input.value, password.input.value);
        notify('Password changed: sign in with it.', 'success');
        showSignIn();
      }));
    code.input.focus();
  }

  showSignIn();
  const el = h('section', { class: 'view narrow-view' },
    h('h1', {}, 'Order console'),
    card,
    h('p', { class: 'hint' }, h('a', { href: `#/connect?next=${encodeURIComponent(target)}`, id: 'developer-connection' },
      'Developer connection'), ' (an API key, for local development)'));
  return { el };
}
