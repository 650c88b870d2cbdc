import type { DecoderConfig } from '../config/types';
import { GenEftInputError } from '../errors';
import { CORE_MODULE, registeringModule, registryTables, type DecoderEntry } from '../registry/globalRegistry';
import { idealDistanceDecoder, idealOrderDecoder } from './ideal';
import { mlpDecoder } from './mlp';
import type { Decoder, DecoderOptions } from './types';

/** The decoder kinds core defines. */
export const BUILTIN_DECODERS = ['mlp', 'ideal-distance', 'ideal-order'] as const;

const builtins: Record<(typeof BUILTIN_DECODERS)[number], Decoder> = {
  mlp: mlpDecoder as unknown as Decoder,
  'ideal-distance': idealDistanceDecoder as unknown as Decoder,
  'ideal-order': idealOrderDecoder as unknown as Decoder,
};

function decoderTable(): Map<string, DecoderEntry> {
  const table = registryTables().decoders;
  // Whichever copy of core creates the tables seeds them; built-ins are never replaced.
  for (const name of BUILTIN_DECODERS) if (!table.has(name)) table.set(name, { decoder: builtins[name], module: CORE_MODULE });
  return table;
}

/**
 * Registers a decoder kind under `name`, so `decoder.kind: name` validates and the reference
 * backend trains it. A kind of that name registered before is replaced; core's built-in kinds
 * cannot be.
 */
export function registerDecoder<C extends { readonly kind: string }>(name: string, decoder: Decoder<C>): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`registerDecoder: a kind is lowercase letters, digits and "-", got ${JSON.stringify(name)}`);
  if ((BUILTIN_DECODERS as readonly string[]).includes(name)) throw new Error(`registerDecoder: "${name}" is a built-in decoder kind`);
  decoderTable().set(name, { decoder: decoder as unknown as Decoder, module: registeringModule() });
}

/** Registered decoder kinds: the built-ins first, then plugins' in registration order. */
export function listDecoders(): { kind: string; description: string; module: string }[] {
  return [...decoderTable()].map(([kind, e]) => ({ kind, description: e.decoder.description, module: e.module }));
}

/** The Decoder of a kind; an unknown kind is an input error at `$.decoder.kind` naming the registered ones. */
export function getDecoder(kind: string): Decoder {
  const entry = decoderTable().get(kind);
  if (!entry) throw new GenEftInputError('$.decoder.kind', `one of ${[...decoderTable().keys()].map((k) => JSON.stringify(k)).join(', ')}`, kind);
  return entry.decoder;
}

/** The Decoder of a resolved config's `decoder` block, with the block as its options. */
export function decoderOf(decoder: DecoderConfig | DecoderOptions): { decoder: Decoder; options: DecoderOptions } {
  return { decoder: getDecoder(decoder.kind), options: decoder as DecoderOptions };
}
