/**
 * A minimal Mapbox Vector Tile (MVT 2.1) encoder and decoder for polygons, enough to build basemap fixtures in tests
 * without the internet: layers of polygon features with string properties.
 */

export const tileExtent = 4096;

export interface TilePolygon {
  /** Rings in tile coordinates (0…extent, y down); the first is the outer ring, closed or not. */
  rings: Array<Array<[number, number]>>;
  properties: Record<string, string>;
}

export interface TileLayer {
  name: string;
  features: TilePolygon[];
}

class Writer {
  readonly bytes: number[] = [];
  varint(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  key(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
  bytesField(field: number, data: Uint8Array | number[]): void {
    this.key(field, 2);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
  }
  stringField(field: number, s: string): void {
    this.bytesField(field, new TextEncoder().encode(s));
  }
  packed(field: number, values: number[]): void {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.bytesField(field, w.bytes);
  }
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const command = (id: number, count: number) => (id & 7) | (count << 3);

/** Twice the signed area in tile coordinates (y down): positive for a ring MVT calls exterior. */
function signedArea(ring: Array<[number, number]>): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return -a;
}

function polygonGeometry(rings: Array<Array<[number, number]>>): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  rings.forEach((given, index) => {
    let ring = given.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]);
    const [fx, fy] = ring[0];
    const [lx, ly] = ring[ring.length - 1];
    if (fx === lx && fy === ly) ring = ring.slice(0, -1);
    // The outer ring winds clockwise on screen (positive area), holes the other way.
    const outer = index === 0;
    if (signedArea(ring) > 0 !== outer) ring.reverse();
    out.push(command(1, 1), zigzag(ring[0][0] - cx), zigzag(ring[0][1] - cy));
    [cx, cy] = ring[0];
    out.push(command(2, ring.length - 1));
    for (const [x, y] of ring.slice(1)) {
      out.push(zigzag(x - cx), zigzag(y - cy));
      cx = x;
      cy = y;
    }
    out.push(command(7, 1));
  });
  return out;
}

/** Encodes layers of polygon features as one MVT tile. */
export function encodeTile(layers: readonly TileLayer[]): Uint8Array {
  const tile = new Writer();
  for (const layer of layers) {
    const w = new Writer();
    w.key(15, 0);
    w.varint(2);
    w.stringField(1, layer.name);
    const keys: string[] = [];
    const values: string[] = [];
    const indexOf = (list: string[], v: string) => {
      const i = list.indexOf(v);
      if (i >= 0) return i;
      list.push(v);
      return list.length - 1;
    };
    layer.features.forEach((f, id) => {
      const fw = new Writer();
      fw.key(1, 0);
      fw.varint(id + 1);
      const tags: number[] = [];
      for (const [k, v] of Object.entries(f.properties)) tags.push(indexOf(keys, k), indexOf(values, v));
      if (tags.length > 0) fw.packed(2, tags);
      fw.key(3, 0);
      fw.varint(3);
      fw.packed(4, polygonGeometry(f.rings));
      w.bytesField(2, fw.bytes);
    });
    for (const k of keys) w.stringField(3, k);
    for (const v of values) {
      const vw = new Writer();
      vw.stringField(1, v);
      w.bytesField(4, vw.bytes);
    }
    w.key(5, 0);
    w.varint(tileExtent);
    tile.bytesField(3, w.bytes);
  }
  return Uint8Array.from(tile.bytes);
}

class Reader {
  pos = 0;
  readonly buf: Uint8Array;
  readonly end: number;
  constructor(buf: Uint8Array, end = buf.length) {
    this.buf = buf;
    this.end = end;
  }
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }
  sub(): Reader {
    const len = this.varint();
    const r = new Reader(this.buf.subarray(0, this.pos + len), this.pos + len);
    r.pos = this.pos;
    this.pos += len;
    return r;
  }
  string(): string {
    const r = this.sub();
    return new TextDecoder().decode(this.buf.subarray(r.pos, r.end));
  }
  packed(): number[] {
    const r = this.sub();
    const out: number[] = [];
    while (r.pos < r.end) out.push(r.varint());
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.sub();
    else if (wire === 5) this.pos += 4;
    else if (wire === 1) this.pos += 8;
    else throw new Error(`wire type ${wire}`);
  }
}

export interface DecodedFeature {
  type: number;
  properties: Record<string, string>;
  rings: Array<Array<[number, number]>>;
}

/** Decodes an MVT tile's layers: each feature's type, string properties and rings (polygons, in tile coordinates). */
export function decodeTile(data: Uint8Array): Record<string, { extent: number; features: DecodedFeature[] }> {
  const out: Record<string, { extent: number; features: DecodedFeature[] }> = {};
  const tile = new Reader(data);
  while (tile.pos < tile.end) {
    const key = tile.varint();
    if (key >> 3 !== 3) {
      tile.skip(key & 7);
      continue;
    }
    const l = tile.sub();
    let name = '';
    let extent = 4096;
    const keys: string[] = [];
    const values: string[] = [];
    const raw: Array<{ type: number; tags: number[]; geometry: number[] }> = [];
    while (l.pos < l.end) {
      const k = l.varint();
      const field = k >> 3;
      if (field === 1) name = l.string();
      else if (field === 3) keys.push(l.string());
      else if (field === 5) extent = l.varint();
      else if (field === 4) {
        const v = l.sub();
        v.varint();
        values.push(v.string());
      } else if (field === 2) {
        const f = l.sub();
        const feature = { type: 0, tags: [] as number[], geometry: [] as number[] };
        while (f.pos < f.end) {
          const fk = f.varint();
          if (fk >> 3 === 2) feature.tags = f.packed();
          else if (fk >> 3 === 3) feature.type = f.varint();
          else if (fk >> 3 === 4) feature.geometry = f.packed();
          else f.skip(fk & 7);
        }
        raw.push(feature);
      } else l.skip(k & 7);
    }
    out[name] = {
      extent,
      features: raw.map((f) => {
        const properties: Record<string, string> = {};
        for (let i = 0; i < f.tags.length; i += 2) properties[keys[f.tags[i]]] = values[f.tags[i + 1]];
        const rings: Array<Array<[number, number]>> = [];
        let x = 0;
        let y = 0;
        let ring: Array<[number, number]> = [];
        for (let i = 0; i < f.geometry.length; ) {
          const c = f.geometry[i++];
          const id = c & 7;
          const count = c >> 3;
          if (id === 7) {
            ring.push(ring[0]);
            rings.push(ring);
            ring = [];
            continue;
          }
          for (let n = 0; n < count; n++) {
            const dx = f.geometry[i++];
            const dy = f.geometry[i++];
            x += (dx >> 1) ^ -(dx & 1);
            y += (dy >> 1) ^ -(dy & 1);
            if (id === 1 && ring.length > 0) {
              rings.push(ring);
              ring = [];
            }
            ring.push([x, y]);
          }
        }
        if (ring.length > 0) rings.push(ring);
        return { type: f.type, properties, rings };
      }),
    };
  }
  return out;
}
