import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CotEvent } from '../event.ts';
import { OutFrame } from './out-frame.ts';
import { OutboundQueue } from './outbound-queue.ts';

const event = (uid: string, type: string): CotEvent => ({
  uid,
  type,
  how: 'm-g',
  time: '2026-01-01T00:00:00.000Z',
  start: '2026-01-01T00:00:00.000Z',
  stale: '2026-01-01T00:01:00.000Z',
  point: { lat: 1, lon: 2, hae: 0, ce: 1, le: 1 },
  detail: {},
});

const xml = (f: OutFrame) => f.bytes(0);

test('a full queue drops the oldest position reports first, keeps other events up to the hard cap, and keeps order', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (kinds, cap) => {
      const q = new OutboundQueue(cap, cap * 2);
      const kept: string[] = [];
      const keptOthers: string[] = [];
      kinds.forEach((position, i) => {
        const frame = new OutFrame(event(`e${i}`, position ? 'a-f-G' : 'b-m-p-s-m'), position);
        const r = q.push(frame);
        assert.ok(q.length <= q.hardCap);
        // Only a position report is ever turned away short of the hard cap.
        if (r === 'overflow') assert.ok(!position && q.length >= q.hardCap);
        if (r === 'dropped') assert.ok(position);
        if (r === 'overflow' || r === 'dropped') return;
        kept.push(frame.event.uid);
        if (!position) keptOthers.push(frame.event.uid);
      });
      const out = q.take(xml, Number.POSITIVE_INFINITY).frames.map((f) => f.event.uid);
      // Order is kept: what leaves is a subsequence of what was queued.
      let k = 0;
      for (const uid of kept) if (out[k] === uid) k++;
      assert.equal(k, out.length);
      // Events other than positions that were queued all leave.
      for (const uid of keptOthers) assert.ok(out.includes(uid), uid);
    }),
  );
});

test('take stops at about the byte budget and the frames come out once', () => {
  const q = new OutboundQueue(100, 100);
  for (let i = 0; i < 10; i++) q.push(new OutFrame(event(`e${i}`, 'a-f-G'), true));
  const size = xml(new OutFrame(event('e0', 'a-f-G'))).length;
  const first = q.take(xml, size * 3);
  assert.equal(first.frames.length, 3);
  assert.equal(
    first.bytes,
    first.chunks.reduce((n, c) => n + c.length, 0),
  );
  assert.equal(q.take(xml, Number.POSITIVE_INFINITY).frames.length, 7);
  assert.equal(q.length, 0);
});

test('a frame is encoded once per wire format, whatever the number of recipients', () => {
  const f = new OutFrame(event('u', 'a-f-G-U-C'), true);
  assert.equal(f.bytes(0), f.bytes(0));
  assert.equal(f.bytes(1), f.bytes(1));
  assert.equal(f.bytes(1)[0], 0xbf);
  assert.equal(f.label, 'a-f-G-U');
});
