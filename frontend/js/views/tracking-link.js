// A tracking number as the operator sees it: "UPS 1Z…" with the number linked to
// the carrier's tracking page when the carrier is known (carriers.js), else text.
import { h } from '../dom.js';
import { trackingUrl } from '../carriers.js';

export function trackingView({ carrier, tracking_number: number }, className = 'tracking') {
  if (!number) return null;
  const url = trackingUrl(carrier, number);
  return h('span', { class: className }, carrier ? `${carrier} ` : '',
    url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'mono',
      title: `Track at ${carrier} (opens a new tab)` }, number) : h('span', { class: 'mono' }, number));
}
