/** The few natives the page's checker and hand-over writer use, taken from the test realm before any test replaces a global. */
import type { CheckNatives } from '../../../src/page/checks';
import type { FlushNatives } from '../../../src/page/final-flush';
import type { Natives } from '../../../src/page/natives';

const getter = <T>(proto: object, key: string) => Object.getOwnPropertyDescriptor(proto, key)?.get as (this: unknown) => T;

export const pageNatives: CheckNatives & FlushNatives = {
  apply: Reflect.apply,
  hasOwn: Object.prototype.hasOwnProperty,
  isArray: Array.isArray,
  defineProperty: Reflect.defineProperty,
  create: Object.create,
  blobSize: getter<number>(Blob.prototype, 'size'),
  abByteLength: getter<number>(ArrayBuffer.prototype, 'byteLength'),
  charCodeAt: String.prototype.charCodeAt,
  Uint8Array: Uint8Array as Natives['Uint8Array'],
};
