// The API as the console's modules see it in Node: a saved connection (kept in
// memory: Node has no localStorage) and a fetch answering from `answer`.
import { saveConnection } from '../js/connection.js';

export const API_URL = 'http://api.test/dev';

/** `answer(url)` returns [status, body]; the returned list records every URL fetched. */
export function fakeApi(answer) {
  saveConnection({ apiBaseUrl: API_URL, apiKey: 'test-key' });
  const fetched = [];
  globalThis.fetch = async (input) => {
    const url = new URL(input);
    fetched.push(url);
    const [status, body] = await answer(url);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return fetched;
}
