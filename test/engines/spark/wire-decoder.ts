import { resolveType, type Facts } from './spark-facts.js';

/**
 * Decodes protobuf wire bytes using only the upstream facts: every field number must be one the
 * facts list for that message, and the result is keyed by the upstream field names. So an
 * encoded request that decodes to the expected object proves our field numbers are upstream's.
 */
export function decodeWithFacts(bytes: Uint8Array, message: string, facts: Facts): Record<string, unknown> {
  const fact = facts[message];
  if (!fact || fact.kind !== 'message') throw new Error(`no message ${message} in the facts`);
  const out: Record<string, unknown> = {};
  const reader = new WireReader(bytes);
  while (!reader.done()) {
    const tag = Number(reader.varint());
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = fact.fields.find((f) => f.number === number);
    if (!field) throw new Error(`${message} has no field number ${number} upstream`);
    const rawType = (field.type ?? '').replace(/^(optional|repeated) /, '');
    const repeated = (field.type ?? '').startsWith('repeated ');
    let value: unknown;
    if (wireType === 0) {
      const v = reader.varint();
      value = rawType === 'bool' ? v !== 0n : /int64/.test(rawType) ? v.toString() : resolveEnum(facts, message, rawType, v);
    } else if (wireType === 2) {
      const chunk = reader.bytes();
      if (rawType === 'string') value = Buffer.from(chunk).toString('utf8');
      else if (rawType === 'bytes') value = Buffer.from(chunk);
      else {
        const nested = resolveType(facts, message, rawType);
        if (!nested) throw new Error(`${message}.${field.name}: type ${rawType} not in the facts`);
        value = decodeWithFacts(chunk, nested, facts);
      }
    } else if (wireType === 1) {
      value = reader.fixed(8);
    } else if (wireType === 5) {
      value = reader.fixed(4);
    } else {
      throw new Error(`${message}.${field.name}: unsupported wire type ${wireType}`);
    }
    if (repeated) ((out[field.name] as unknown[] | undefined) ?? (out[field.name] = [])).push(value);
    else out[field.name] = value;
  }
  return out;
}

function resolveEnum(facts: Facts, scope: string, type: string, value: bigint): unknown {
  const name = resolveType(facts, scope, type);
  const fact = name ? facts[name] : undefined;
  if (fact?.kind === 'enum') return fact.fields.find((f) => BigInt(f.number) === value)?.name ?? Number(value);
  return Number(value);
}

class WireReader {
  #pos = 0;
  constructor(readonly buf: Uint8Array) {}
  done(): boolean {
    return this.#pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.#pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Uint8Array {
    const length = Number(this.varint());
    const chunk = this.buf.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return chunk;
  }
  fixed(n: number): Uint8Array {
    const chunk = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return chunk;
  }
}
