import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeXmlAttr, escapeXmlText } from './xml-escape.ts';
import {
  childElement,
  childElements,
  descendants,
  parseXml,
  textOf,
  type XmlElement,
  XmlError,
  XmlTreeReader,
} from './xml-reader.ts';

function xmlError(line: number, pattern: RegExp) {
  return (e: unknown) => e instanceof XmlError && e.line === line && pattern.test(e.reason);
}

test('elements, attributes, text, CDATA and lines', () => {
  const root = parseXml(
    '<?xml version="1.0"?>\n<!-- c -->\n<kml:kml xmlns:kml="k" a = \'1\'>\n <b x="&lt;&amp;&#65;&#x42;">t&gt;1</b><c/>\n<b><![CDATA[<raw> & ]]>more</b></kml:kml>\n',
  );
  assert.deepEqual([root.name, root.qname, root.attrs.a, root.line], ['kml', 'kml:kml', '1', 3]);
  const bs = childElements(root, 'b');
  assert.equal(bs.length, 2);
  assert.deepEqual([bs[0].attrs.x, textOf(bs[0]), bs[0].line], ['<&AB', 't>1', 4]);
  assert.equal(textOf(bs[1]), '<raw> & more');
  assert.equal(bs[1].line, 5);
  assert.ok(childElement(root, 'c'));
  assert.equal(childElement(root, 'nope'), undefined);
});

test('line ends are normalised to LF; &#13; still gives CR; attribute whitespace becomes spaces', () => {
  const root = parseXml('<a x="1\t2\n3">one\r\ntwo\rthree&#13;</a>');
  assert.equal(textOf(root), 'one\ntwo\nthree\r');
  assert.equal(root.attrs.x, '1 2 3');
  assert.equal(parseXml('\uFEFF<a/>').name, 'a');
});

test('a DOCTYPE declaring entities is refused on the line of the declaration; a plain one is skipped', () => {
  const doc = '<!DOCTYPE kml [\n<!ENTITY lol "lol">\n]>\n<kml>&lol;</kml>';
  assert.throws(() => parseXml(doc), xmlError(2, /^a DOCTYPE declaring entities is refused/));
  assert.throws(() => parseXml('<!DOCTYPE kml [<!ENTITY x "y">]><kml>ok</kml>'), xmlError(1, /declaring entities/));
  const billion = `<!DOCTYPE b [<!ENTITY a "aaaa">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `<!ENTITY a${n} "${'&a;'.repeat(10)}">`).join('')}]><b>&a9;</b>`;
  assert.throws(() => parseXml(billion), xmlError(1, /declaring entities/));
  const external = '<!DOCTYPE kml [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]><kml/>';
  assert.throws(() => parseXml(external), xmlError(1, /declaring entities/));
  assert.equal(parseXml('<!DOCTYPE kml>\n<kml>ok</kml>').name, 'kml');
  assert.throws(() => parseXml('<!DOCTYPE kml SYSTEM "kml.dtd">\n<kml>&x;</kml>'), xmlError(2, /unknown entity &x;/));
});

test('errors say their kind; refuseDoctype refuses even a plain DOCTYPE', () => {
  const kind = (k: string) => (e: unknown) => e instanceof XmlError && e.kind === k;
  assert.throws(() => parseXml('<!DOCTYPE b [<!ENTITY a "a">]><b/>'), kind('entity'));
  assert.throws(() => parseXml('<b>&nbsp;</b>'), kind('entity'));
  assert.throws(() => parseXml('<!DOCTYPE kml>\n<kml/>', { refuseDoctype: true }), kind('entity'));
  assert.throws(() => parseXml('<a><a/></a>', { maxDepth: 1 }), kind('limit'));
  assert.throws(() => parseXml('<a>xx</a>', { maxLength: 5 }), kind('limit'));
  assert.throws(() => parseXml('<a>xx</a>', { maxTextLength: 1 }), kind('limit'));
  assert.throws(() => parseXml('<a></b>'), kind('malformed'));
});

test('what is not well-formed is an XmlError naming the line', () => {
  const cases: [string, number, RegExp][] = [
    ['<a>\n<b>\n</a>', 3, /<\/a> closes <b> opened on line 2/],
    ['<a>\n<b>', 2, /<b> opened on line 2 is never closed/],
    ['<a>x & y</a>', 1, /bare "&"/],
    ['<a>&nbsp;</a>', 1, /unknown entity &nbsp;/],
    ['<a>&#0;</a>', 1, /does not allow/],
    ['<a>&#xD800;</a>', 1, /does not allow/],
    ['<a>&#x110000;</a>', 1, /does not allow/],
    ['<a></a>\n<b/>', 2, /second root/],
    ['text<a/>', 1, /text outside the root/],
    ['', 1, /no root element/],
    ['<a x="1" x="2"/>', 1, /appears twice/],
    ['<a x=1/>', 1, /quoted value/],
    ['<a x="<"/>', 1, /"<" in the value/],
    ['<a\n x="1"y="2"/>', 2, /expected a space/],
    ['<a><!-- open </a>', 1, /comment is never closed/],
    ['<a><![CDATA[ open </a>', 1, /CDATA section is never closed/],
    ['</a>', 1, /closes nothing/],
    ['<a></a >x', 1, /text outside the root/],
    ['<1a/>', 1, /expected a name/],
    ['<a', 1, /never closed/],
  ];
  for (const [text, line, reason] of cases) assert.throws(() => parseXml(text), xmlError(line, reason), text);
});

test('nesting deeper than the limit is refused, and deep documents do not overflow the stack', () => {
  const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
  assert.throws(() => parseXml(deep(300)), xmlError(1, /deeper than 256/));
  const root = parseXml(deep(100_000), { maxDepth: 200_000 });
  assert.equal(descendants(root, 'a').length, 100_000);
  assert.equal(textOf(root), '');
});

test('a bare & is named on its own line, wherever the next ";" is', () => {
  assert.throws(() => parseXml('<a>\n<b>Tom & Jerry</b>\n<c>x</c>\n</a>'), xmlError(2, /bare "&"/));
  assert.throws(() => parseXml('<a>\n<b>&amp; Tom & Jerry</b>\n<c>&lt;</c>\n</a>'), xmlError(2, /bare "&"/));
  assert.throws(() => parseXml('<a>\n\n<b x="1 & 2"/>\n</a>'), xmlError(3, /bare "&"/));
});

test('limits on document length and text length', () => {
  assert.throws(
    () => parseXml(`<a>${'x'.repeat(100)}</a>`, { maxLength: 50 }),
    xmlError(1, /longer than 50 characters/),
  );
  assert.throws(
    () => parseXml(`<a>\n<b>${'x'.repeat(30)}</b></a>`, { maxTextLength: 20 }),
    xmlError(2, /text in <b> longer than 20/),
  );
  assert.throws(
    () => parseXml(`<a v="${'x'.repeat(30)}"/>`, { maxTextLength: 20 }),
    xmlError(1, /attribute v is longer/),
  );
  assert.equal(textOf(parseXml(`<a>${'x'.repeat(20)}</a>`, { maxTextLength: 20 })).length, 20);
});

test('property: a document written in chunks, split anywhere, reads as when written whole', () => {
  const doc =
    '<?xml version="1.0"?>\r\n<kml xmlns="k">\r\n<Placemark id="p&amp;1"><name>كركوك &lt;1&gt; 😀</name>' +
    '<description><![CDATA[a <b> & c]]></description></Placemark>\r\n<!-- end -->\n</kml>\n';
  const whole = parseXml(doc);
  fc.assert(
    fc.property(fc.array(fc.nat(doc.length), { maxLength: 6 }), (cuts) => {
      const reader = new XmlTreeReader();
      let from = 0;
      for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
        reader.write(doc.slice(from, cut));
        from = cut;
      }
      reader.write(doc.slice(from));
      assert.deepEqual(reader.close(), whole);
    }),
    { numRuns: 500 },
  );
});

test('descendants come in document order', () => {
  const root = parseXml('<r><p n="1"><p n="2"/></p><q><p n="3"/></q></r>');
  assert.deepEqual(
    descendants(root, 'p').map((p) => p.attrs.n),
    ['1', '2', '3'],
  );
});

test('predefined entities and character references are decoded', () => {
  assert.equal(textOf(parseXml('<a>plain</a>')), 'plain');
  assert.equal(textOf(parseXml('<a>&apos;&quot;&#128512;</a>')), `'"😀`);
});

test('property: escaped text and attributes read back as the text, minus characters XML cannot carry', () => {
  const unit = fc.oneof(
    fc.constantFrom(
      '&',
      '<',
      '>',
      '"',
      "'",
      '\r',
      '\n',
      '\r\n',
      '\t',
      ']]>',
      '&amp;',
      '\u0000',
      '\uFFFE',
      '\uD800',
      'é',
      '😀',
    ),
    fc.string({ unit: 'binary', maxLength: 2 }),
  );
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 30 }), fc.string({ unit, maxLength: 30 }), (text, attr) => {
      const root = parseXml(`<a v="${escapeXmlAttr(attr)}" w='${escapeXmlAttr(attr)}'>${escapeXmlText(text)}</a>`);
      const safe = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
      assert.equal(textOf(root), safe(text));
      assert.equal(root.attrs.v, safe(attr));
      assert.equal(root.attrs.w, safe(attr));
    }),
    { numRuns: 2000 },
  );
});

test('property: arbitrary input throws nothing but XmlError', () => {
  const piece = fc.constantFrom(
    '<',
    '>',
    '</',
    '/>',
    '<a>',
    '</a>',
    '<b x="1">',
    '</b>',
    '&amp;',
    '&',
    ';',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '<?',
    '?>',
    '<!DOCTYPE',
    '[',
    ']',
    '"',
    "'",
    '=',
    ' ',
    '\n',
    'x',
    '&#x41;',
    '&#99999999;',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(text, (s) => {
      try {
        const root: XmlElement = parseXml(s);
        assert.ok(root.name.length >= 0);
        textOf(root);
      } catch (e) {
        assert.ok(e instanceof XmlError, String(e));
      }
    }),
    { numRuns: 5000 },
  );
});
