// A postal address (the API's Address: name, line1, line2, city, region,
// postal_code, country as ISO 3166-1 alpha-2, phone) as people read it.

export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'];

/** The lines of a label: name, street lines, "city region postal code", country. */
export function addressLines(address) {
  if (!address) return [];
  const place = [address.city, address.region, address.postal_code].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, place, address.country].filter(Boolean);
}

/** The fields the API accepts, without the empty ones ('' is not an absent line2). */
export function addressBody(values) {
  const body = {};
  for (const field of ADDRESS_FIELDS) {
    const value = String(values[field] ?? '').trim();
    if (value) body[field] = field === 'country' ? value.toUpperCase() : value;
  }
  return body;
}
