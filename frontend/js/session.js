// Staff sign-in: the console talks to Cognito itself (InitiateAuth and
// friends, from the browser), so a password never reaches our API. Tokens
// live in sessionStorage (this tab only, never localStorage) and are
// refreshed a minute before the ID token expires; a request that still finds
// its token expired is refreshed once and sent again (api.js). Sign out
// revokes the refresh token at Cognito, then forgets everything.
//
// Where to sign in comes from the site's config.json:
// {"signIn": {"endpoint": "https://cognito-idp.<region>.amazonaws.com", "clientId": "..."}}
// (`make run` points it at the emulator).

const STORE = 'oms.staff';
const REFRESH_EARLY_MS = 60000;
const ROLES = ['viewer', 'fulfilment', 'manager'];
const SCOPES = { viewer: 'read', fulfilment: 'write', manager: 'admin' };
let config = null; // {endpoint, clientId}
let refreshTimer = null;
let refreshing = null;
let signedOutCount = 0; // a refresh answered after a sign-out must not sign the person back in
const listeners = new Set();

export class SignInError extends Error {
  constructor(message, code = '') {
    super(message);
    this.name = 'SignInError';
    this.code = code;
  }
}

function store() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
let memory = null;

function load() {
  const s = store();
  if (!s) return memory;
  try {
    return JSON.parse(s.getItem(STORE) || 'null');
  } catch {
    return null;
  }
}

function save(tokens) {
  const s = store();
  if (!s) memory = tokens;
  else if (tokens) s.setItem(STORE, JSON.stringify(tokens));
  else s.removeItem(STORE);
  schedule();
  for (const listener of listeners) listener();
}

/** config.json's signIn, once read; null when the stage has no staff sign-in. */
export function setSignInConfig(value) {
  config = value && typeof value.endpoint === 'string' && typeof value.clientId === 'string' ? value : null;
  schedule();
}

export function signInAvailable() {
  return Boolean(config);
}

/** Runs `listener` when someone signs in or out, or tokens are refreshed. */
export function onSessionChange(listener) {
  listeners.add(listener);
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** The signed-in person: {name, email, role, scope, expiresAt}, or null. */
export function staffUser() {
  const tokens = load();
  if (!tokens || !tokens.idToken) return null;
  const claims = claimsOf(tokens.idToken);
  const groups = claims['cognito:groups'] || [];
  const role = [...ROLES].reverse().find((r) => groups.includes(r)) || null;
  return {
    name: claims.name || claims.email || 'Staff', email: claims.email || '', role,
    scope: role ? SCOPES[role] : null, expiresAt: (claims.exp || 0) * 1000,
  };
}

/** True when the signed-in person may use `scope` (read < write < admin). */
export function allows(scope) {
  const user = staffUser();
  if (!user || !user.scope) return false;
  const order = ['read', 'write', 'admin'];
  return order.indexOf(user.scope) >= order.indexOf(scope);
}

async function cognito(action, body) {
  if (!config) throw new SignInError('Sign-in is not set up for this console.');
  let response;
  try {
    response = await fetch(config.endpoint.replace(/\/+$/, '') + '/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new SignInError('Cannot reach the sign-in service. Check your connection and try again.');
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const code = String(data.__type || '').split('#').pop();
    throw new SignInError(wordsFor(code, data.message || data.Message), code);
  }
  return data;
}

function wordsFor(code, message) {
  switch (code) {
    case 'NotAuthorizedException':
      return /disabled/i.test(message || '') ? 'This account is disabled. Ask a manager.' : 'Wrong e-mail or password.';
    case 'UserNotFoundException':
      return 'Wrong e-mail or password.';
    case 'InvalidPasswordException':
      return `That password is not allowed: ${message || 'choose a longer one'}`;
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return 'That code is wrong or has expired. Ask for a new one.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Wait a few minutes and try again.';
    default:
      return message || 'Sign-in failed. Try again.';
  }
}

function keep(result, refreshToken) {
  const tokens = {
    idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken || refreshToken,
  };
  save(tokens);
  return staffUser();
}

/**
 * E-mail and password to Cognito. Returns {user} when signed in, or
 * {challenge: 'NEW_PASSWORD_REQUIRED', session} for an invited person's
 * first sign-in (answer it with `setNewPassword`).
 */
export async function signIn(email, password) {
  const data = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config && config.clientId,
    AuthParameters: { USERNAME: email.trim(), PASSWORD: password },
  });
  if (data.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { challenge: data.ChallengeName, session: data.Session };
  if (data.ChallengeName) throw new SignInError(`This account needs a step the console does not offer (${data.ChallengeName}).`);
  return { user: keep(data.AuthenticationResult) };
}

export async function setNewPassword(email, session, newPassword) {
  const data = await cognito('RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: config.clientId, Session: session,
    ChallengeResponses: { USERNAME: email.trim(), NEW_PASSWORD: newPassword },
  });
  return { user: keep(data.AuthenticationResult) };
}

export async function forgotPassword(email) {
  await cognito('ForgotPassword', { ClientId: config.clientId, Username: email.trim() });
}

export async function confirmNewPassword(email, code, newPassword) {
  await cognito('ConfirmForgotPassword', {
    ClientId: config.clientId, Username: email.trim(), ConfirmationCode: code.trim(), Password: newPassword,
  });
}

/** New ID and access tokens from the refresh token; signs out if it no longer works. */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const tokens = load();
      if (!tokens || !tokens.refreshToken) return null;
      const signOuts = signedOutCount;
      try {
        const data = await cognito('InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config.clientId, AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
        });
        return signOuts === signedOutCount ? keep(data.AuthenticationResult, tokens.refreshToken) : null;
      } catch (error) {
        if (error.code) save(null); // refused (revoked, disabled): signed out; a network error keeps the session
        return null;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

function schedule() {
  clearTimeout(refreshTimer);
  const user = config && staffUser();
  if (!user) return;
  const wait = Math.max(0, user.expiresAt - Date.now() - REFRESH_EARLY_MS);
  refreshTimer = setTimeout(() => refresh(), Math.min(wait, 2 ** 31 - 1));
}

/** The token to send as Bearer (refreshed first when it is about to expire), or "" when not signed in. */
export async function bearerToken() {
  const user = config && staffUser();
  if (!user) return '';
  if (user.expiresAt - Date.now() < REFRESH_EARLY_MS / 2) await refresh();
  const tokens = load();
  return tokens ? tokens.idToken : '';
}

export function isSignedIn() {
  return Boolean(config && staffUser());
}

/** Revokes the refresh token at Cognito (best effort), then forgets the session. */
export async function signOut() {
  const tokens = load();
  signedOutCount += 1;
  save(null);
  if (tokens && tokens.refreshToken && config) {
    try {
      await cognito('RevokeToken', { ClientId: config.clientId, Token: tokens.refreshToken });
    } catch {
      // Forgotten here either way; the refresh token also ends with its lifetime.
    }
  }
}
