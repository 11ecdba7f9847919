/**
 * One event on its way to any number of clients, encoded at most once per wire format: a relay
 * to 200 clients writes the XML once and the protobuf once, whatever the number of recipients.
 */
import type { CotEvent } from '../event.ts';
import { encodeStreamFrame, encodeXmlFrame, type TakProtocolVersion } from '../framing.ts';
import { typeLabel } from './cot-metrics.ts';

export class OutFrame {
  readonly event: CotEvent;
  /** Position reports may be dropped (oldest first) from a full queue; other events are kept. */
  readonly droppable: boolean;
  /** The event's type as a metric label, worked out once. */
  readonly label: string;
  #xml: Buffer | null = null;
  #proto: Buffer | null = null;

  constructor(event: CotEvent, droppable = false) {
    this.event = event;
    this.droppable = droppable;
    this.label = typeLabel(event.type);
  }

  /** The frame's bytes in a connection's protocol version. */
  bytes(version: TakProtocolVersion): Buffer {
    if (version === 0) {
      this.#xml ??= encodeXmlFrame(this.event);
      return this.#xml;
    }
    this.#proto ??= encodeStreamFrame({ event: this.event });
    return this.#proto;
  }
}
