/** Natives for unit tests, taken from the test's own realm: only what the page-hook steps under test read. */
import type { Channel } from '../../../src/page/channel';
import type { Natives } from '../../../src/page/natives';
import type { PageEvent, PageEventTuple } from '../../../src/shared/page-link';
import { decoded } from '../shared/page-event-tuples';

/** The hook's clock reads timeOrigin + now(): 1000 + 5 for every event here. */
export const EVENT_TIME = 1005;

const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const getter = (proto: object, key: string) => Object.getOwnPropertyDescriptor(proto, key)?.get;

export function testNatives(extra: Partial<Natives> = {}): Natives {
  return {
    apply: Reflect.apply,
    getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
    defineProperty: Reflect.defineProperty,
    Proxy,
    String,
    stringSlice: String.prototype.slice,
    fnToString: Function.prototype.toString,
    weakGet: WeakMap.prototype.get,
    weakSet: WeakMap.prototype.set,
    isView: ArrayBuffer.isView,
    taBuffer: getter(typedArrayProto, 'buffer'),
    taByteOffset: getter(typedArrayProto, 'byteOffset'),
    taByteLength: getter(typedArrayProto, 'byteLength'),
    abByteLength: getter(ArrayBuffer.prototype, 'byteLength'),
    abSlice: ArrayBuffer.prototype.slice,
    ArrayBuffer,
    taSet: (typedArrayProto as Uint8Array).set,
    blobSize: getter(Blob.prototype, 'size'),
    iteratorSymbol: Symbol.iterator,
    Uint8Array,
    timeOrigin: 1000,
    now: () => 5,
    ...extra,
  } as unknown as Natives;
}

/** A channel that keeps what is pushed (decoded and checked as the relay does), with the buffer each event transfers. */
export function recordingChannel() {
  const pushed: { event: PageEvent; tuple: PageEventTuple; transfer: ArrayBuffer | undefined }[] = [];
  let lastId = 0;
  const channel: Channel = {
    push: (event, transfer) => {
      pushed.push({ event: decoded(event), tuple: event, transfer });
    },
    newId: () => ++lastId,
    onCommand: () => undefined,
    // Packs nothing: every binary payload gets its own buffer, which these tests read back (pack.test.ts packs).
    packer: { pack: () => null, current: () => null, take: () => null },
    onWorkerChannel: () => undefined,
    post: () => undefined,
  };
  return { channel, pushed, events: () => pushed.map((p) => p.event) };
}
