/** Decoders of binary protocols and formats, in content-detection order. */
import { mqtt } from './protocols/mqtt';
import type { Decoder } from './types';

export const binaryDecoders: readonly Decoder[] = [mqtt];
