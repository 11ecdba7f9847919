/**
 * `@tak-ps/node-cot` (MIT), an independent CoT parser used as a test oracle. It is loaded by a
 * computed specifier because its package points TypeScript at its own sources, which do not
 * type-check under this project's settings; the little of it the tests use is typed here.
 */

type Attributes = Record<string, string | undefined>;

export interface NodeCot {
  raw: {
    event: {
      _attributes: Attributes;
      point: { _attributes: Attributes };
      detail?: Record<string, { _attributes?: Attributes } | undefined>;
    };
  };
  uid(): string;
  callsign(): string;
  /** [lon, lat] */
  position(): [number, number];
  /** The event as a TAK protocol version 1 payload (a TakMessage). */
  to_proto(): Uint8Array;
}

interface NodeCotClass {
  new (xml: string): NodeCot;
  from_proto(bytes: Uint8Array): NodeCot;
}

const specifier = '@tak-ps/node-cot';
const mod = (await import(specifier)) as { default: NodeCotClass };

/** node-cot's CoT class. */
export const NodeCoT: NodeCotClass = mod.default;
