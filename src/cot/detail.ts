/**
 * The `<detail>` of an event, between its XML tree and the model: the elements TAK protocol
 * version 1 carries as messages are taken out only when the whole element fits its message (the
 * protocol's rule: never part of an element in a message and the rest in xmlDetail); everything
 * else stays, written back as canonical XML.
 */
import { escapeXmlAttr, escapeXmlText } from '../io/xml-escape.ts';
import type { XmlElement, XmlNode } from '../io/xml-reader.ts';
import type { CotContact, CotDetail, CotGroup, CotPrecisionLocation, CotStatus, CotTakv, CotTrack } from './event.ts';
import { formatNumber, isCotNumber, isUint32Text, parseCotNumber } from './values.ts';

/** XML nodes written canonically: attributes in their order, every text escaped, empty elements closed. */
export function writeXmlNodes(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) out += typeof node === 'string' ? escapeXmlText(node) : writeXmlElement(node);
  return out;
}

function writeXmlElement(el: XmlElement): string {
  let out = `<${el.qname}`;
  for (const [name, value] of Object.entries(el.attrs)) out += ` ${name}="${escapeXmlAttr(value)}"`;
  if (el.children.length === 0) return `${out}/>`;
  return `${out}>${writeXmlNodes(el.children)}</${el.qname}>`;
}

const blank = (node: XmlNode) => typeof node === 'string' && node.trim() === '';

/** An element with no content but whitespace, whose attributes are among `allowed` and include `required`. */
function plainElement(el: XmlElement, allowed: readonly string[], required: readonly string[]): boolean {
  if (el.qname !== el.name || !el.children.every(blank)) return false;
  const names = Object.keys(el.attrs);
  return names.every((n) => allowed.includes(n)) && required.every((n) => n in el.attrs);
}

/**
 * Optional attributes present only when non-empty, as the model has them; at least one, since an
 * element with none says nothing (and some readers refuse it).
 */
function optionals<K extends string>(el: XmlElement, names: readonly K[]): Partial<Record<K, string>> | null {
  if (Object.keys(el.attrs).length === 0) return null;
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = el.attrs[name];
    if (value === undefined) continue;
    if (value === '') return null;
    out[name] = value;
  }
  return out;
}

const takvNames = ['device', 'platform', 'os', 'version'] as const;
const precisionNames = ['geopointsrc', 'altsrc'] as const;

/** Each modelled element's reader: its value, or null when it must stay whole in xmlDetail. */
const readers = {
  contact(el: XmlElement): CotContact | null {
    if (!plainElement(el, ['callsign', 'endpoint'], ['callsign'])) return null;
    const endpoint = el.attrs.endpoint;
    if (endpoint === '') return null;
    return endpoint === undefined ? { callsign: el.attrs.callsign } : { callsign: el.attrs.callsign, endpoint };
  },
  __group(el: XmlElement): CotGroup | null {
    if (!plainElement(el, ['name', 'role'], ['name', 'role'])) return null;
    return { name: el.attrs.name, role: el.attrs.role };
  },
  takv(el: XmlElement): CotTakv | null {
    if (!plainElement(el, takvNames, [])) return null;
    return optionals(el, takvNames);
  },
  track(el: XmlElement): CotTrack | null {
    if (!plainElement(el, ['speed', 'course'], ['speed', 'course'])) return null;
    if (!isCotNumber(el.attrs.speed) || !isCotNumber(el.attrs.course)) return null;
    return { speed: parseCotNumber(el.attrs.speed, 'speed'), course: parseCotNumber(el.attrs.course, 'course') };
  },
  status(el: XmlElement): CotStatus | null {
    if (!plainElement(el, ['battery'], ['battery']) || !isUint32Text(el.attrs.battery)) return null;
    return { battery: Number(el.attrs.battery) };
  },
  precisionlocation(el: XmlElement): CotPrecisionLocation | null {
    if (!plainElement(el, precisionNames, [])) return null;
    return optionals(el, precisionNames);
  },
};

type Modelled = keyof typeof readers;
const modelKey = {
  contact: 'contact',
  __group: 'group',
  takv: 'takv',
  track: 'track',
  status: 'status',
  precisionlocation: 'precisionLocation',
} as const satisfies Record<Modelled, keyof CotDetail>;

const isModelled = (name: string): name is Modelled => Object.hasOwn(readers, name);

/** The model of a `<detail>` element. */
export function detailFromElement(detail: XmlElement): CotDetail {
  const counts = new Map<string, number>();
  for (const c of detail.children) {
    if (typeof c !== 'string') counts.set(c.qname, (counts.get(c.qname) ?? 0) + 1);
  }
  const out: CotDetail = {};
  const rest: XmlNode[] = [];
  for (const c of detail.children) {
    // Whitespace between the elements is layout, not content.
    if (blank(c)) continue;
    if (typeof c !== 'string' && isModelled(c.qname) && counts.get(c.qname) === 1) {
      const value = readers[c.qname](c);
      if (value) {
        (out as Record<string, unknown>)[modelKey[c.qname]] = value;
        continue;
      }
    }
    rest.push(c);
  }
  const xml = writeXmlNodes(rest);
  if (xml) out.xmlDetail = xml;
  return out;
}

/** Attributes written in a fixed order, skipping the absent ones. */
function attrs(values: Record<string, string | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttr(value)}"`;
  }
  return out;
}

/** The XML of the modelled elements, in a fixed order, each as one empty element. */
export function modelledDetailXml(d: CotDetail): string {
  let out = '';
  if (d.contact) out += `<contact${attrs({ callsign: d.contact.callsign, endpoint: d.contact.endpoint })}/>`;
  if (d.group) out += `<__group${attrs({ name: d.group.name, role: d.group.role })}/>`;
  if (d.takv) {
    const { device, platform, os, version } = d.takv;
    out += `<takv${attrs({ device, platform, os, version })}/>`;
  }
  if (d.track) {
    out += `<track${attrs({ speed: formatNumber(d.track.speed), course: formatNumber(d.track.course) })}/>`;
  }
  if (d.status) out += `<status battery="${formatNumber(d.status.battery)}"/>`;
  if (d.precisionLocation) {
    const { geopointsrc, altsrc } = d.precisionLocation;
    out += `<precisionlocation${attrs({ geopointsrc, altsrc })}/>`;
  }
  return out;
}

/** The content of `<detail>`: the modelled elements, then xmlDetail as it is. */
export function detailXml(d: CotDetail): string {
  return modelledDetailXml(d) + (d.xmlDetail ?? '');
}
