import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeCoT } from '../../test/harness/node-cot.ts';
import type { CotEvent } from './event.ts';
import {
  protocolOffer,
  protocolRequest,
  protocolResponse,
  readProtocolOffer,
  readProtocolRequest,
  readProtocolResponse,
} from './negotiation.ts';
import { parseCotXml, writeCotXml } from './xml.ts';

const now = Date.UTC(2026, 2, 1, 10);
const overXml = (e: CotEvent) => parseCotXml(writeCotXml(e));

test('the offer, request and answer carry the TakControl detail the protocol defines', () => {
  const offer = protocolOffer('proto-1', now);
  assert.equal(offer.type, 't-x-takp-v');
  assert.equal(offer.detail.xmlDetail, '<TakControl><TakProtocolSupport version="1"/></TakControl>');
  assert.equal(offer.stale, '2026-03-01T10:01:00.000Z');
  const request = protocolRequest('proto-1', now, 1);
  assert.equal(request.type, 't-x-takp-q');
  assert.equal(request.detail.xmlDetail, '<TakControl><TakRequest version="1"/></TakControl>');
  const response = protocolResponse('proto-1', now, true);
  assert.equal(response.type, 't-x-takp-r');
  assert.equal(response.detail.xmlDetail, '<TakControl><TakResponse status="true"/></TakControl>');
  assert.match(writeCotXml(offer), /^<event version="2.0" uid="proto-1" type="t-x-takp-v" how="m-g"/);
});

test('each side reads what the other wrote, through XML', () => {
  assert.deepEqual(readProtocolOffer(overXml(protocolOffer('p', now, [1, 2]))), [1, 2]);
  assert.equal(readProtocolRequest(overXml(protocolRequest('p', now, 1))), 1);
  assert.equal(readProtocolResponse(overXml(protocolResponse('p', now, true))), true);
  assert.equal(readProtocolResponse(overXml(protocolResponse('p', now, false))), false);
  // Not the right type, or not the right detail: no answer.
  assert.equal(readProtocolRequest(overXml(protocolOffer('p', now))), null);
  assert.deepEqual(readProtocolOffer(overXml(protocolRequest('p', now, 1))), []);
  const two = { ...protocolRequest('p', now, 1) };
  two.detail = { xmlDetail: '<TakControl><TakRequest version="1"/><TakRequest version="2"/></TakControl>' };
  assert.equal(readProtocolRequest(two), null);
  const zero = { ...two, detail: { xmlDetail: '<TakControl><TakRequest version="0"/></TakControl>' } };
  assert.equal(readProtocolRequest(zero), null);
});

test('a request as ATAK writes it (single quotes, whitespace, XML prologue) is understood', () => {
  const atak = `<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<event version='2.0' uid='protouid' type='t-x-takp-q' time='2026-03-01T10:00:00.000Z' start='2026-03-01T10:00:00.000Z' stale='2026-03-01T10:01:00.000Z' how='m-g'>
  <point lat='0.0' lon='0.0' hae='0.0' ce='999999' le='999999'/>
  <detail>
    <TakControl>
      <TakRequest version="1"/>
    </TakControl>
  </detail>
</event>`;
  assert.equal(readProtocolRequest(parseCotXml(atak)), 1);
});

test('node-cot reads the server offer Seam writes', () => {
  const theirs = new NodeCoT(writeCotXml(protocolOffer('proto-1', now)));
  assert.equal(theirs.uid(), 'proto-1');
  assert.equal(theirs.raw.event._attributes.type, 't-x-takp-v');
});
