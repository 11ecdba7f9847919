/**
 * Escaping text for XML 1.0 output, so no user text ever reaches a KML file raw. Markup characters
 * become references; CR becomes `&#13;` (a reader would otherwise turn it into LF); characters XML
 * 1.0 cannot carry at all, even as references (most C0 controls, lone surrogates, U+FFFE/U+FFFF),
 * become U+FFFD.
 */

// With the u flag a lone surrogate is a code point of its own, outside every allowed range.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text made safe for XML 1.0 element content. */
export function escapeXmlText(text: string): string {
  return text
    .replace(notXmlChar, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

/** Text made safe for a double- or single-quoted XML 1.0 attribute value. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;');
}

/** What a string becomes after an XML round trip: the characters XML cannot carry replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(notXmlChar, '\uFFFD');
}
