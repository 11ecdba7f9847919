/**
 * fast-check generators of CoT events in the model's normal form (see src/cot/event.ts): every
 * field, optional ones present or not, strings with the characters XML must escape, numbers at
 * the edges of their ranges, and an xmlDetail built as a tree and written canonically.
 */
import fc from 'fast-check';
import { writeXmlNodes } from '../../src/cot/detail.ts';
import type { CotDetail, CotEvent, TakMessage } from '../../src/cot/event.ts';
import { xmlSafe } from '../../src/io/xml-escape.ts';
import type { XmlElement, XmlNode } from '../../src/io/xml-reader.ts';

const special = fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\r\n', '\t', ' ', ']]>', '&amp;', 'é', '🙂', 'ع');

/** Any string XML can carry, often with characters that must be escaped. */
export const xmlText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), special), { maxLength: 6 })
  .map((parts) => xmlSafe(parts.join('')));

export const nonEmptyText = xmlText.filter((s) => s.length > 0);

/** takv and precisionlocation with no attribute are not modelled (see src/cot/detail.ts). */
const atLeastOne = (o: object) => Object.keys(o).length > 0;
const plain = { noNullPrototype: true } as const;
const noNegativeZero = (n: number) => (n === 0 ? 0 : n);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);
const orUnknown = (a: fc.Arbitrary<number>) => fc.oneof(fc.constant(9999999), a);

/** A CoT time in normal form, 1970…9999. */
export const cotTime = fc.integer({ min: 0, max: 253402300799999 }).map((ms) => new Date(ms).toISOString());

const elementName = fc.constantFrom('remarks', 'link', 'marti', 'dest', '__chat', 'chatgrp', 'usericon', 'x:ext');
const nestedName = fc.oneof(elementName, fc.constantFrom('contact', 'track', 'a'));
const attrs = fc.dictionary(fc.constantFrom('uid', 'callsign', 'relation', 'x:y', 'source', 'id'), xmlText, {
  maxKeys: 3,
});

const element = (name: fc.Arbitrary<string>, depth: number): fc.Arbitrary<XmlElement> =>
  fc
    .record(
      {
        qname: name,
        attrs,
        children: fc.array(
          depth > 0
            ? fc.oneof(nonEmptyText, element(nestedName, depth - 1) as fc.Arbitrary<XmlNode>)
            : (nonEmptyText as fc.Arbitrary<XmlNode>),
          { maxLength: 3 },
        ),
      },
      plain,
    )
    .map(({ qname, attrs: a, children }) => {
      const named: Record<string, string> = Object.create(null);
      Object.assign(named, a);
      return { name: qname.slice(qname.indexOf(':') + 1), qname, attrs: named, children, line: 0 };
    });

/** Unmodelled detail as canonical XML (never a top-level element the model takes out). */
export const xmlDetail = fc.array(element(elementName, 2), { minLength: 1, maxLength: 3 }).map(writeXmlNodes);

export const cotDetail: fc.Arbitrary<CotDetail> = fc.record(
  {
    contact: fc.record(
      { callsign: xmlText, endpoint: nonEmptyText },
      { requiredKeys: ['callsign'], noNullPrototype: true },
    ),
    group: fc.record({ name: xmlText, role: xmlText }, plain),
    takv: fc
      .record(
        { device: nonEmptyText, platform: nonEmptyText, os: nonEmptyText, version: nonEmptyText },
        { requiredKeys: [], noNullPrototype: true },
      )
      .filter(atLeastOne),
    track: fc.record({ speed: finite, course: finite }, plain),
    status: fc.record({ battery: fc.integer({ min: 0, max: 0xffffffff }) }, plain),
    precisionLocation: fc
      .record({ geopointsrc: nonEmptyText, altsrc: nonEmptyText }, { requiredKeys: [], noNullPrototype: true })
      .filter(atLeastOne),
    xmlDetail,
  },
  { requiredKeys: [], noNullPrototype: true },
);

export const cotEvent: fc.Arbitrary<CotEvent> = fc.record(
  {
    uid: nonEmptyText,
    type: fc.oneof(fc.constantFrom('a-f-G-U-C', 'a-h-G', 'b-t-f', 't-x-c-t'), nonEmptyText),
    how: fc.oneof(fc.constantFrom('m-g', 'h-e', 'h-g-i-g-o', ''), xmlText),
    time: cotTime,
    start: cotTime,
    stale: cotTime,
    point: fc.record(
      {
        lat: fc.oneof(fc.constantFrom(-90, 90, 0), fc.double({ min: -90, max: 90, noNaN: true }).map(noNegativeZero)),
        lon: fc.oneof(fc.constantFrom(-180, 180), fc.double({ min: -180, max: 180, noNaN: true }).map(noNegativeZero)),
        hae: orUnknown(finite),
        ce: orUnknown(nonNegative),
        le: orUnknown(nonNegative),
      },
      plain,
    ),
    access: nonEmptyText,
    qos: nonEmptyText,
    opex: nonEmptyText,
    caveat: nonEmptyText,
    releaseableTo: nonEmptyText,
    detail: cotDetail,
  },
  { requiredKeys: ['uid', 'type', 'how', 'time', 'start', 'stale', 'point', 'detail'], noNullPrototype: true },
);

/** proto3 cannot tell 0 from absent, so the model has no 0 times of submission or creation. */
const uint64 = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

export const takMessage: fc.Arbitrary<TakMessage> = fc.record(
  {
    control: fc.record(
      {
        minProtoVersion: fc.integer({ min: 1, max: 0xffffffff }),
        maxProtoVersion: fc.integer({ min: 1, max: 0xffffffff }),
        contactUid: nonEmptyText,
      },
      { requiredKeys: ['minProtoVersion', 'maxProtoVersion'], noNullPrototype: true },
    ),
    event: cotEvent,
    submissionTime: uint64,
    creationTime: uint64,
  },
  { requiredKeys: [], noNullPrototype: true },
);

const el = (qname: string, a: Record<string, string>, children: XmlNode[] = []): XmlElement => ({
  name: qname.slice(qname.indexOf(':') + 1),
  qname,
  attrs: Object.assign(Object.create(null), a),
  children,
  line: 0,
});

/**
 * Unmodelled detail shaped as TAK clients send it (remarks, link, marti/dest, __chat with
 * chatgrp, an extension element), for parsers that check the shape of the elements they know.
 */
export const realisticXmlDetail = fc
  .record(
    {
      remarks: fc.tuple(xmlText, nonEmptyText).map(([source, text]) => el('remarks', { source }, [text])),
      link: fc
        .tuple(nonEmptyText, fc.constantFrom('a-f-G-U-C', 'b-m-p-s-p-i'))
        .map(([uid, type]) => el('link', { uid, type, relation: 'p-p' })),
      marti: fc.array(xmlText, { minLength: 1, maxLength: 2 }).map((callsigns) =>
        el(
          'marti',
          {},
          callsigns.map((callsign) => el('dest', { callsign })),
        ),
      ),
      chat: fc
        .tuple(nonEmptyText, nonEmptyText, nonEmptyText)
        .map(([chatroom, id, senderCallsign]) =>
          el('__chat', { chatroom, id, senderCallsign }, [el('chatgrp', { uid0: id, uid1: 'All Chat Rooms', id })]),
        ),
      extension: xmlText.map((v) => el('seam_ext', { v }, v ? [v] : [])),
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .map((parts) => writeXmlNodes(Object.values(parts)))
  .map((xml) => xml || undefined);

/** An event whose unmodelled detail is {@link realisticXmlDetail}. */
export const realisticCotEvent: fc.Arbitrary<CotEvent> = fc.tuple(cotEvent, realisticXmlDetail).map(([e, xml]) => {
  const detail = { ...e.detail };
  delete detail.xmlDetail;
  return { ...e, detail: xml ? { ...detail, xmlDetail: xml } : detail };
});
