import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CARRIER_NAMES, knownCarrier, trackingUrl } from '../js/carriers.js';

test('each known carrier links its tracking number to its own tracking page', () => {
  const expected = {
    UPS: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=1Z999AA10123456784',
    FedEx: 'https://www.fedex.com/fedextrack/?trknbr=1Z999AA10123456784',
    DHL: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=1Z999AA10123456784',
    'Royal Mail': 'https://www.royalmail.com/track-your-item#/tracking-results/1Z999AA10123456784',
    'Canada Post': 'https://www.canadapost-postescanada.ca/track-reperez/en#/search?searchFor=1Z999AA10123456784',
  };
  assert.deepEqual(CARRIER_NAMES, Object.keys(expected));
  for (const [carrier, url] of Object.entries(expected)) assert.equal(trackingUrl(carrier, '1Z999AA10123456784'), url);
});

test('a carrier is known whatever its case and spacing, and by its other names', () => {
  for (const [typed, name] of [['ups', 'UPS'], ['  fedex ', 'FedEx'], ['Federal Express', 'FedEx'], ['royal  mail', 'Royal Mail'],
    ['RoyalMail', 'Royal Mail'], ['canada post', 'Canada Post'], ['Postes Canada', 'Canada Post'], ['dhl express', 'DHL'],
    ['United States Postal Service', 'USPS']]) {
    assert.equal(knownCarrier(typed).name, name, typed);
  }
});

test('an unknown or missing carrier, or no number, gives no link', () => {
  for (const carrier of ['', null, undefined, 'Hermes', 'UPS Freight', 'upsx']) assert.equal(trackingUrl(carrier, 'X1'), null, carrier);
  assert.equal(trackingUrl('UPS', ''), null);
  assert.equal(trackingUrl('UPS', '   '), null);
  assert.equal(trackingUrl('UPS', null), null);
});

test('the number is encoded: it cannot change the link', () => {
  assert.equal(trackingUrl('UPS', 'a&b=c #d'), 'https://www.ups.com/track?tracknum=a%26b%3Dc%20%23d');
  assert.equal(trackingUrl('Royal Mail', '../x?y'), 'https://www.royalmail.com/track-your-item#/tracking-results/..%2Fx%3Fy');
});
