/** No decoding: the frame as captured. The fallback, and the user's "Decode as: none". */
import type { Decoder } from '../types';

export const raw: Decoder = {
  id: 'raw',
  label: 'None (raw)',
  decode: () => ({ ok: true, protocol: 'raw', messages: [] }),
};
