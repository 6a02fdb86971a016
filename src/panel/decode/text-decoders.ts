/** Decoders of text protocols, in content-detection order. */
import type { Decoder } from './types';

export const textDecoders: readonly Decoder[] = [];
