// Carriers the console knows, each with the public page that tracks a parcel:
// a tracking number of a known carrier becomes a link, any other stays text.

const CARRIERS = [
  { name: 'UPS', also: [], page: (n) => `https://www.ups.com/track?tracknum=${n}` },
  { name: 'USPS', also: ['us postal service', 'united states postal service'],
    page: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` },
  { name: 'FedEx', also: ['fed ex', 'federal express'], page: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}` },
  { name: 'DHL', also: ['dhl express'], page: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}` },
  { name: 'Royal Mail', also: ['royalmail'], page: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}` },
  { name: 'Canada Post', also: ['canadapost', 'postes canada'],
    page: (n) => `https://www.canadapost-postescanada.ca/track-reperez/en#/search?searchFor=${n}` },
];

/** The names offered as suggestions wherever a carrier is typed. */
export const CARRIER_NAMES = CARRIERS.map((carrier) => carrier.name);

const squeeze = (text) => String(text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

/** The known carrier a typed name means ("fedex", " Royal  Mail"), else null. */
export function knownCarrier(name) {
  const wanted = squeeze(name);
  return CARRIERS.find((carrier) => squeeze(carrier.name) === wanted || carrier.also.includes(wanted)) || null;
}

/** The carrier's tracking page for this number, or null (unknown carrier, no number). */
export function trackingUrl(carrier, trackingNumber) {
  const known = knownCarrier(carrier);
  const number = String(trackingNumber ?? '').trim();
  return known && number ? known.page(encodeURIComponent(number)) : null;
}
