/**
 * XML read with `saxes`, a streaming, well-formedness-checking parser, into a small tree: enough
 * for KML, and the same reader a Cursor-on-Target stream can feed chunk by chunk. Elements,
 * attributes, text, CDATA, the five predefined entities and character references; comments and
 * processing instructions are skipped. Namespaces are not resolved: an element keeps its qualified
 * name and is matched by its local name (`kml:Placemark` → `Placemark`).
 *
 * Safe by construction: no DTD is read and no entity is expanded. A DOCTYPE that declares entities
 * is refused outright (the entity-expansion bombs and external-entity reads live there); a plain
 * DOCTYPE is skipped, and any entity other than the predefined five is an error. The document's
 * length, its nesting depth and the length of each run of text are limited.
 *
 * Line ends are normalised to LF, as XML requires (`&#13;` still yields a CR). Anything not
 * well-formed — a mismatched or unclosed tag, a bare `&`, an unknown entity, a reference to a
 * character XML forbids, a second root, text outside the root, a limit passed — raises
 * {@link XmlError} naming the line.
 */
import { type SaxesParser as Saxes, SaxesParser, type SaxesTagPlain } from 'saxes';

/** What kind of fault an {@link XmlError} is: not well-formed, an entity or DTD, or a limit passed. */
export type XmlErrorKind = 'malformed' | 'entity' | 'limit';

export class XmlError extends Error {
  readonly line: number;
  readonly reason: string;
  readonly kind: XmlErrorKind;

  constructor(line: number, reason: string, kind: XmlErrorKind = 'malformed') {
    super(`line ${line}: ${reason}`);
    this.name = 'XmlError';
    this.line = line;
    this.reason = reason;
    this.kind = kind;
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
  /** Longest document accepted, in UTF-16 code units (default 256 Mi). */
  maxLength?: number;
  /** Longest run of text (or attribute value) inside an element, in UTF-16 code units (default 16 Mi). */
  maxTextLength?: number;
  /** Refuse every DOCTYPE, not only one declaring entities (a protocol that never needs one). */
  refuseDoctype?: boolean;
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/** How much of the input is kept to name what an error is about (a tag, an entity, an attribute). */
const contextLength = 1024;

/**
 * Builds the tree of one document from chunks of text. saxes finds what is not well-formed; its
 * messages are turned into ones that name the element, entity or attribute and the line where it
 * was opened.
 */
export class XmlTreeReader {
  private readonly parser: Saxes;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | null = null;
  private tagLine = 1;
  private tagName = '';
  /** The element saxes closed last: on a mismatched end tag, the one it should have closed. */
  private closed: XmlElement | null = null;
  /** The last characters written, to name what an error is about. */
  private recent = '';
  private length = 0;
  private started = false;
  /** The chunk being read, and the line it starts on. */
  private chunk = '';
  private linesBefore = 1;
  /** The line of an `&` the text read so far leaves open (no `;` after it), if any. */
  private bareAmp: number | null = null;
  private readonly maxDepth: number;
  private readonly maxLength: number;
  private readonly maxTextLength: number;
  private readonly refuseDoctype: boolean;

  constructor(options: XmlReadOptions = {}) {
    this.maxDepth = options.maxDepth ?? 256;
    this.maxLength = options.maxLength ?? 256 * 1024 * 1024;
    this.maxTextLength = options.maxTextLength ?? 16 * 1024 * 1024;
    this.refuseDoctype = options.refuseDoctype ?? false;
    const p = new SaxesParser({ xmlns: false, position: true });
    this.parser = p;
    p.on('error', (e) => {
      throw this.failure(e.message);
    });
    p.on('doctype', (doctype) => this.doctype(doctype));
    p.on('opentagstart', (tag) => {
      this.tagLine = p.line;
      this.tagName = tag.name;
    });
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => {
      this.closed = this.stack.pop() ?? null;
    });
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
  }

  /** Reads the next piece of the document. */
  write(chunk: string): this {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.length += text.length;
    if (this.length > this.maxLength) {
      throw new XmlError(this.parser.line, `the document is longer than ${this.maxLength} characters`, 'limit');
    }
    this.recent = (this.recent + text).slice(-contextLength - text.length);
    this.chunk = text;
    this.parser.write(text);
    this.recent = this.recent.slice(-contextLength);
    this.bareAmp = this.ampLine(text, text.length);
    this.linesBefore += lineBreaks(text);
    this.chunk = '';
    return this;
  }

  /**
   * The line of the `&` that starts a reference still open at `end` of the current chunk, or null.
   * saxes reads a reference up to the next `;`, wherever that is, so the reference that failed is
   * the one begun by the first `&` after the `;` before it.
   */
  private ampLine(chunk: string, end: number): number | null {
    const semi = chunk.lastIndexOf(';', end - 1);
    const amp = chunk.indexOf('&', semi + 1);
    if (amp >= 0 && amp < end) return this.linesBefore + lineBreaks(chunk.slice(0, amp));
    return semi >= 0 ? null : this.bareAmp;
  }

  /** Ends the document and returns its root element. */
  close(): XmlElement {
    this.parser.close();
    if (!this.root) throw new XmlError(this.parser.line, 'no root element');
    return this.root;
  }

  private doctype(doctype: string): void {
    if (this.refuseDoctype) {
      throw new XmlError(this.parser.line, 'a DOCTYPE is refused (Seam reads no DTD)', 'entity');
    }
    const entity = /<!ENTITY/i.exec(doctype);
    if (!entity) return;
    const start = this.parser.line - lineBreaks(doctype);
    throw new XmlError(
      start + lineBreaks(doctype.slice(0, entity.index)),
      'a DOCTYPE declaring entities is refused (Seam reads no DTD and expands no entity)',
      'entity',
    );
  }

  private open(tag: SaxesTagPlain): void {
    const attrs: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (value.length > this.maxTextLength) {
        throw new XmlError(
          this.tagLine,
          `the value of attribute ${name} is longer than ${this.maxTextLength} characters`,
          'limit',
        );
      }
      attrs[name] = value;
    }
    const element: XmlElement = { name: localName(tag.name), qname: tag.name, attrs, children: [], line: this.tagLine };
    const parent = this.stack.at(-1);
    if (parent) parent.children.push(element);
    else this.root = element;
    if (this.stack.length >= this.maxDepth) {
      throw new XmlError(this.tagLine, `elements nested deeper than ${this.maxDepth}`, 'limit');
    }
    this.stack.push(element);
  }

  private text(value: string): void {
    const parent = this.stack.at(-1);
    // saxes reports whitespace around the root as text; anything else there is an error it raises.
    if (!parent) return;
    const last = parent.children.length - 1;
    const joined = last >= 0 && typeof parent.children[last] === 'string';
    const length = value.length + (joined ? (parent.children[last] as string).length : 0);
    if (length > this.maxTextLength) {
      throw new XmlError(
        this.parser.line,
        `text in <${parent.qname}> longer than ${this.maxTextLength} characters`,
        'limit',
      );
    }
    if (joined) parent.children[last] += value;
    else parent.children.push(value);
  }

  /** saxes's message as an XmlError on its line, naming what the problem is about. */
  private failure(message: string): XmlError {
    const line = this.parser.line;
    const reason = message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    const before = this.recent.slice(0, Math.max(0, this.recent.length - this.unread()));
    const open = this.stack.at(-1);
    const read = this.chunk.length - this.unread();
    const said = (what: string) => new XmlError(line, what);
    if (reason === 'unexpected close tag.' && this.closed) {
      const name = /<\/([^\s>]*)\s*>?$/.exec(before)?.[1] ?? '?';
      return said(`</${name}> closes <${this.closed.qname}> opened on line ${this.closed.line}`);
    }
    let m = /^unmatched closing tag: (.*)\.$/.exec(reason);
    if (m) return said(`</${m[1]}> closes nothing`);
    const atEnd = reason === 'document must contain a root element.' || reason === 'unexpected end.';
    if (atEnd || reason.startsWith('unclosed tag: ')) {
      // What the end cut short: markup first, then a reference (a bare `&` with no `;` after it
      // leaves saxes reading a reference to the end), then the element left open.
      const cut = unexpectedEnd(this.recent);
      if (cut) return said(cut);
      const amp = this.ampLine(this.chunk, read);
      if (amp !== null) return new XmlError(amp, 'a bare "&" (write &amp;)');
      if (open) return said(`<${open.qname}> opened on line ${open.line} is never closed`);
      return said(this.root ? 'the document ends inside markup' : 'no root element');
    }
    m = /^duplicate attribute: (.*)\.$/.exec(reason);
    if (m) return said(`attribute ${m[1]} appears twice`);
    const entity = /&([^&;]*);?$/.exec(before)?.[1] ?? '';
    switch (reason) {
      case 'undefined entity.':
        return new XmlError(
          line,
          `unknown entity &${entity}; (only &lt; &gt; &amp; &quot; &apos; and &#…; are known)`,
          'entity',
        );
      case 'disallowed character in entity name.':
      case 'empty entity name.':
        return new XmlError(this.ampLine(this.chunk, read - 1) ?? line, 'a bare "&" (write &amp;)');
      case 'malformed character entity.':
        return said(`&${entity}; refers to a character XML does not allow`);
      case 'documents may contain only one root.':
        return said('a second root element');
      case 'text data outside of root node.':
        return said('text outside the root element');
      case 'unquoted attribute value.':
        return said(`expected a quoted value for attribute ${attributeName(before)}`);
      case 'no whitespace between attributes.':
        return said(`expected a space, "/>" or ">" in <${this.tagName}>`);
      case 'disallowed character in tag name.':
      case 'disallowed character in tag name':
        return said(`expected a name after "<"`);
      case 'disallowed character.':
        return before.endsWith('<') && /=\s*["'][^"']*<$/.test(before)
          ? said(`"<" in the value of attribute ${attributeName(before.replace(/["'][^"']*<$/, ''))}`)
          : said('a character XML does not allow');
      default:
        return said(reason.replace(/\.$/, ''));
    }
  }

  /** Characters of the last write saxes had not read when it failed. */
  private unread(): number {
    return Math.max(0, this.length - this.parser.position);
  }
}

/** The attribute whose `=` ends `before`. */
function attributeName(before: string): string {
  return /([^\s=<]+)\s*=\s*$/.exec(before)?.[1] ?? '';
}

/** The markup a document ending too early left open: a comment, a CDATA section, a tag… */
function unexpectedEnd(text: string): string | null {
  const opened = (open: string, close: string) => text.lastIndexOf(open) > text.lastIndexOf(close);
  if (opened('<!--', '-->')) return 'a comment is never closed';
  if (opened('<![CDATA[', ']]>')) return 'a CDATA section is never closed';
  if (opened('<?', '?>')) return 'a processing instruction is never closed';
  if (opened('<!DOCTYPE', '>')) return 'a DOCTYPE is never closed';
  const tag = /<([^\s/>!?]+)[^>]*$/.exec(text);
  return tag ? `the start tag <${tag[1]}> is never closed` : null;
}

/** Parses a whole XML document into its root element. */
export function parseXml(text: string, options: XmlReadOptions = {}): XmlElement {
  const reader = new XmlTreeReader(options);
  // Fed in slices, as a stream would be, so one code path serves files and streams; a slice never
  // ends between the CR and LF of a line break, so lines are counted alike in every slice.
  const size = 1 << 16;
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + size, text.length);
    if (text.charCodeAt(end - 1) === 13) end++;
    reader.write(text.slice(i, end));
    i = end;
  }
  return reader.close();
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
