// The API's rules, read from its own OpenAPI document (GET /openapi.json):
// the lifecycle (x-transitions), which statuses allow edits, and every limit
// of a request body. The website keeps no copy of them, so the forms offer,
// allow and describe exactly what the API it talks to accepts.
import { api } from './api.js';
import { getConnection } from './connection.js';

const loaded = new Map(); // API address -> Promise<Contract>, once per page load

/** The contract of the connected API (fetched on first use, then from memory). */
export function loadContract() {
  const { apiBaseUrl } = getConnection();
  if (!loaded.has(apiBaseUrl)) {
    const loading = api.openapi().then((document) => new Contract(document));
    loading.catch(() => loaded.delete(apiBaseUrl)); // a failed load is tried again next time
    loaded.set(apiBaseUrl, loading);
  }
  return loaded.get(apiBaseUrl);
}

/** "items[0].quantity" -> ["items", 0, "quantity"]: the steps of an error's JSON path. */
export function paramPath(param) {
  const steps = [];
  for (const [, name, index] of String(param || '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    steps.push(index === undefined ? name : Number(index));
  }
  return steps;
}

/** 12345 -> "12,345" in the operator's locale. */
export function formatNumber(value) {
  return Number(value).toLocaleString();
}

export class Contract {
  constructor(document) {
    if (!document || !document.components || !document.components.schemas || !document['x-transitions']) {
      throw new Error('The API did not publish its contract (openapi.json lacks schemas or x-transitions).');
    }
    this.document = document;
  }

  /** A component schema by name, as one flat schema (see `flatten`). */
  schema(name) {
    return this.flatten({ $ref: `#/components/schemas/${name}` });
  }

  resolve(schema) {
    let current = schema;
    while (current && current.$ref) {
      const name = current.$ref.split('/').pop();
      current = this.document.components.schemas[name];
    }
    return current || null;
  }

  /**
   * `schema` with its $ref followed and its allOf parts merged in, and a
   * nullable anyOf/oneOf (a schema or null) taken as that schema, so fields
   * and limits are found however the document composes them.
   */
  flatten(schema) {
    const resolved = this.resolve(schema);
    if (!resolved) return null;
    const flat = { ...resolved };
    for (const part of resolved.allOf || []) {
      const merged = this.flatten(part) || {};
      flat.properties = { ...(merged.properties || {}), ...(flat.properties || {}) };
      for (const [key, value] of Object.entries(merged)) if (!(key in flat)) flat[key] = value;
    }
    for (const choice of ['anyOf', 'oneOf']) {
      const options = (resolved[choice] || []).filter((option) => (this.resolve(option) || {}).type !== 'null');
      if (options.length === 1 && !flat.type) Object.assign(flat, this.flatten(options[0]));
    }
    return flat;
  }

  /** The schema of the value at `param` ("items[0].quantity") inside component `name`, flat; null if none. */
  field(name, param) {
    let schema = this.schema(name);
    for (const step of paramPath(param)) {
      if (!schema) return null;
      schema = this.flatten(typeof step === 'number' ? schema.items : (schema.properties || {})[step]);
    }
    return schema;
  }

  /** Statuses an order in `status` may move to, in the API's order. */
  transitions(status) {
    return (this.document['x-transitions'][status] || []).slice();
  }

  /** Statuses in which an order's lines can change. */
  editableStatuses() {
    return (this.document['x-editable-statuses'] || []).slice();
  }

  isEditable(status) {
    return this.editableStatuses().includes(status);
  }

  /** {minimum, maximum} of an integer field. */
  range(name, param) {
    const schema = this.field(name, param) || {};
    return { minimum: schema.minimum, maximum: schema.maximum };
  }

  maxLength(name, param) {
    const schema = this.field(name, param);
    return schema && schema.maxLength;
  }

  /** How many different products one order can hold (its lines). */
  maxLines() {
    return this.field('Order', 'items').maxItems;
  }

  /** Whether `text` matches the published pattern of a string field (e.g. a price). */
  matches(name, param, text) {
    const schema = this.field(name, param);
    if (!schema || !schema.pattern) return false;
    try {
      return new RegExp(schema.pattern, 'u').test(text); // JSON Schema patterns are ECMA-262, Unicode mode
    } catch {
      return true; // a pattern this browser cannot compile: let the API judge the value
    }
  }

  /** The document's example value of a field ("29.99"), if it gives one. */
  example(name, param) {
    const schema = this.field(name, param);
    return schema && Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  }
}
