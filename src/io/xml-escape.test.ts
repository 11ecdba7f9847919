import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXmlAttr, escapeXmlText, xmlSafe } from './xml-escape.ts';

test('markup characters become references; CR is kept as a reference', () => {
  assert.equal(
    escapeXmlText('a < b && c > d ]]> "q" \'s\'\r\n'),
    'a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\'&#13;\n',
  );
  assert.equal(escapeXmlAttr('"x" \'y\'\t\n<&'), '&quot;x&quot; &apos;y&apos;&#9;&#10;&lt;&amp;');
});

test('characters XML 1.0 cannot carry become U+FFFD; astral characters survive', () => {
  assert.equal(escapeXmlText('\u0000\u0008\u001F\uFFFE\uFFFF\uD800x\uDC00😀'), '\uFFFD'.repeat(6) + 'x\uFFFD😀');
  assert.equal(xmlSafe('ok\u0001'), 'ok\uFFFD');
  assert.equal(escapeXmlText('\t\n'), '\t\n');
});
