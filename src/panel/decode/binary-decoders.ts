/** Decoders of binary protocols and formats, in content-detection order. */
import type { Decoder } from './types';

export const binaryDecoders: readonly Decoder[] = [];
