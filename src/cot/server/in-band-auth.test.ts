import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanInBandAuth } from './in-band-auth.ts';

const auth = '<?xml version="1.0"?>\n<auth><cot username="isf-liaison" password="p&amp;w" uid="ANDROID-1"/></auth>';

test('TAK’s in-band credentials are read whole, however they arrive, with what follows them', () => {
  const buf = Buffer.from(`${auth}<event version="2.0"`);
  for (let cut = 1; cut < auth.length; cut++) assert.equal(scanInBandAuth(buf.subarray(0, cut), 4096).kind, 'more');
  const r = scanInBandAuth(buf, 4096);
  assert.equal(r.kind, 'credentials');
  if (r.kind !== 'credentials') return;
  assert.deepEqual(r.credentials, { username: 'isf-liaison', password: 'p&w', uid: 'ANDROID-1', callsign: null });
  assert.equal(r.rest.toString(), '<event version="2.0"');
});

test('credentials in an event’s detail are accepted too', () => {
  const e =
    '<event version="2.0" uid="x" type="t-x-c-t" how="m-g" time="2026-01-01T00:00:00Z" start="2026-01-01T00:00:00Z" stale="2026-01-01T00:01:00Z"><point lat="0" lon="0"/><detail><auth><cot username="u" password="p"/></auth></detail></event>';
  const r = scanInBandAuth(Buffer.from(e), 4096);
  assert.equal(r.kind, 'credentials');
});

test('anything else is refused: no credentials, too long, not XML, a DOCTYPE', () => {
  const refused = (text: string, max = 4096) => scanInBandAuth(Buffer.from(text), max).kind === 'refused';
  assert.ok(refused('<auth><cot password="p"/></auth>'));
  assert.ok(refused('GET / HTTP/1.1\r\n'));
  assert.ok(refused(`<auth>${' '.repeat(5000)}`));
  assert.ok(refused(auth, 40));
  assert.ok(refused('<!DOCTYPE auth [<!ENTITY x "y">]><auth><cot username="&x;" password="p"/></auth>'));
});
