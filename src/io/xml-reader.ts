/**
 * A small non-validating XML reader, enough for KML: elements, attributes, text, CDATA, the five
 * predefined entities and character references. Comments, processing instructions and a DOCTYPE
 * are skipped; a DOCTYPE's entity declarations are NOT applied (an undeclared entity is an error),
 * which also rules out entity-expansion bombs. Namespaces are not resolved: an element keeps its
 * qualified name and is matched by its local name (`kml:Placemark` → `Placemark`).
 *
 * Line ends are normalised to LF first, as XML requires (`&#13;` still yields a CR). Anything not
 * well-formed — a mismatched or unclosed tag, a bare `&`, an unknown entity, a reference to a
 * character XML forbids, a second root, text outside the root, nesting deeper than the limit —
 * raises {@link XmlError} naming the line.
 */

export class XmlError extends Error {
  readonly line: number;
  readonly reason: string;

  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'XmlError';
    this.line = line;
    this.reason = reason;
  }
}

export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  /** The name as written, prefix included. */
  qname: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based line of the start tag. */
  line: number;
}

export type XmlNode = XmlElement | string;

export interface XmlReadOptions {
  /** Deepest element nesting accepted (default 256). */
  maxDepth?: number;
}

const nameStart = /[A-Za-z_:\u00C0-\uFFFF]/;
const nameRun = /[A-Za-z0-9_:.\-\u00B7-\uFFFF]*/y;

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

class Reader {
  private readonly s: string;
  private pos = 0;
  private line = 1;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | null = null;
  private readonly maxDepth: number;

  constructor(text: string, options: XmlReadOptions) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.s = body.replace(/\r\n?/g, '\n');
    this.maxDepth = options.maxDepth ?? 256;
  }

  read(): XmlElement {
    const s = this.s;
    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos);
      const end = lt === -1 ? s.length : lt;
      if (end > this.pos) this.text(s.slice(this.pos, end), false);
      if (lt === -1) break;
      this.pos = lt;
      if (s.startsWith('<!--', lt)) this.skipPast('-->', 'comment');
      else if (s.startsWith('<![CDATA[', lt)) {
        const close = s.indexOf(']]>', lt + 9);
        if (close === -1) throw new XmlError(this.line, 'a CDATA section is never closed');
        const raw = s.slice(lt + 9, close);
        this.text(raw, true);
        this.advanceTo(close + 3);
      } else if (s.startsWith('<?', lt)) this.skipPast('?>', 'processing instruction');
      else if (s.startsWith('<!DOCTYPE', lt)) this.doctype();
      else if (s.startsWith('</', lt)) this.endTag();
      else this.startTag();
    }
    const open = this.stack.at(-1);
    if (open) throw new XmlError(this.line, `<${open.qname}> opened on line ${open.line} is never closed`);
    if (!this.root) throw new XmlError(this.line, 'no root element');
    return this.root;
  }

  /** Moves to `to`, counting the newlines passed. */
  private advanceTo(to: number): void {
    // Bounded to [pos, to): an unbounded indexOf would rescan a one-line document to its end each time.
    for (let i = this.pos; i < to; i++) if (this.s.charCodeAt(i) === 10) this.line++;
    this.pos = to;
  }

  private skipPast(marker: string, what: string): void {
    const close = this.s.indexOf(marker, this.pos + 2);
    if (close === -1) throw new XmlError(this.line, `a ${what} is never closed`);
    this.advanceTo(close + marker.length);
  }

  private doctype(): void {
    if (this.root || this.stack.length) throw new XmlError(this.line, 'a DOCTYPE after the root element');
    const bracket = this.s.indexOf('[', this.pos);
    const gt = this.s.indexOf('>', this.pos);
    if (gt === -1) throw new XmlError(this.line, 'a DOCTYPE is never closed');
    if (bracket !== -1 && bracket < gt) {
      const close = this.s.indexOf(']', bracket);
      const after = close === -1 ? -1 : this.s.indexOf('>', close);
      if (after === -1) throw new XmlError(this.line, 'a DOCTYPE is never closed');
      this.advanceTo(after + 1);
    } else this.advanceTo(gt + 1);
  }

  private text(raw: string, cdata: boolean): void {
    const parent = this.stack.at(-1);
    const line = this.line;
    this.advanceTo(this.pos + (cdata ? 0 : raw.length));
    if (!parent) {
      if (cdata || raw.trim() !== '') throw new XmlError(line, 'text outside the root element');
      return;
    }
    const value = cdata ? raw : decodeEntities(raw, line);
    const last = parent.children.length - 1;
    if (last >= 0 && typeof parent.children[last] === 'string') parent.children[last] += value;
    else parent.children.push(value);
  }

  private name(): string {
    const start = this.pos;
    if (!nameStart.test(this.s[start] ?? '')) {
      throw new XmlError(this.line, `expected a name after "${this.s.slice(Math.max(0, start - 1), start)}"`);
    }
    nameRun.lastIndex = start + 1;
    nameRun.exec(this.s);
    this.pos = nameRun.lastIndex;
    return this.s.slice(start, this.pos);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x9 || c === 0xd) this.pos++;
      else if (c === 0xa) {
        this.pos++;
        this.line++;
      } else break;
    }
    return this.pos > start;
  }

  private startTag(): void {
    const line = this.line;
    if (this.root && this.stack.length === 0) throw new XmlError(line, 'a second root element');
    this.pos++;
    const qname = this.name();
    const attrs: Record<string, string> = Object.create(null);
    for (;;) {
      const spaced = this.skipSpace();
      if (this.s.startsWith('/>', this.pos) || this.s.startsWith('>', this.pos)) break;
      if (this.pos >= this.s.length) throw new XmlError(line, `the start tag <${qname}> is never closed`);
      if (!spaced) throw new XmlError(this.line, `expected a space, "/>" or ">" in <${qname}>`);
      const attr = this.name();
      this.skipSpace();
      if (this.s[this.pos] !== '=') throw new XmlError(this.line, `expected "=" after attribute ${attr}`);
      this.pos++;
      this.skipSpace();
      const quote = this.s[this.pos];
      if (quote !== '"' && quote !== "'")
        throw new XmlError(this.line, `expected a quoted value for attribute ${attr}`);
      const close = this.s.indexOf(quote, this.pos + 1);
      if (close === -1) throw new XmlError(this.line, `the value of attribute ${attr} is never closed`);
      const raw = this.s.slice(this.pos + 1, close);
      if (raw.includes('<')) throw new XmlError(this.line, `"<" in the value of attribute ${attr}`);
      if (Object.hasOwn(attrs, attr)) throw new XmlError(this.line, `attribute ${attr} appears twice`);
      const valueLine = this.line;
      this.pos++;
      this.advanceTo(close + 1);
      attrs[attr] = decodeEntities(raw.replace(/[\t\n]/g, ' '), valueLine);
    }
    const selfClosing = this.s.startsWith('/>', this.pos);
    this.pos += selfClosing ? 2 : 1;
    const element: XmlElement = { name: localName(qname), qname, attrs, children: [], line };
    const parent = this.stack.at(-1);
    if (parent) parent.children.push(element);
    else this.root = element;
    if (!selfClosing) {
      if (this.stack.length >= this.maxDepth) throw new XmlError(line, `elements nested deeper than ${this.maxDepth}`);
      this.stack.push(element);
    }
  }

  private endTag(): void {
    const line = this.line;
    this.pos += 2;
    const qname = this.name();
    this.skipSpace();
    if (this.s[this.pos] !== '>') throw new XmlError(this.line, `expected ">" to end </${qname}>`);
    this.pos++;
    const open = this.stack.pop();
    if (!open) throw new XmlError(line, `</${qname}> closes nothing`);
    if (open.qname !== qname) {
      throw new XmlError(line, `</${qname}> closes <${open.qname}> opened on line ${open.line}`);
    }
  }
}

/** Replaces entity and character references; a bare `&` or an unknown entity is an error. */
export function decodeEntities(raw: string, line = 1): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    out += raw.slice(from, amp);
    const semi = raw.indexOf(';', amp);
    const ref = semi === -1 ? '' : raw.slice(amp + 1, semi);
    if (semi === -1 || !/^(?:#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,31})$/.test(ref)) {
      throw new XmlError(line, 'a bare "&" (write &amp;)');
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) throw new XmlError(line, `&${ref}; refers to a character XML does not allow`);
      out += String.fromCodePoint(cp);
    } else if (Object.hasOwn(predefined, ref)) {
      out += predefined[ref];
    } else {
      throw new XmlError(line, `unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and &#…; are known)`);
    }
    from = semi + 1;
  }
  return out + raw.slice(from);
}

/** Parses a whole XML document into its root element. */
export function parseXml(text: string, options: XmlReadOptions = {}): XmlElement {
  return new Reader(text, options).read();
}

/** Child elements with the given local name. */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The first child element with the given local name. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** All text inside an element, its descendants' included, in document order. */
export function textOf(el: XmlElement): string {
  let out = '';
  const stack: XmlNode[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') out += node;
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** Every element with the given local name, in document order. */
export function descendants(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === name) found.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (typeof c !== 'string') stack.push(c);
    }
  }
  return found;
}
