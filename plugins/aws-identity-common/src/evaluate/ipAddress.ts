/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * The IP address condition operators (IAM User Guide, "IAM JSON policy
 * elements: Condition operators", IP address condition operators): a policy
 * value is an IPv4 or IPv6 address or range in CIDR notation; an address
 * without a routing prefix is a single address (/32 for IPv4, /128 for IPv6).
 * Decisions the documentation leaves open, each pinned by a test:
 * - families never mix: an IPv4 range never contains an IPv6 address, and an
 *   IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) is an IPv6 address;
 * - host bits set in a range (`203.0.113.7/24`) are ignored, as in CIDR;
 * - anything that is not an address or range (zone ids, whitespace, an
 *   out-of-range prefix, a range as the request's address) matches nothing.
 */

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
interface Address {
  bytes: Uint8Array;
}

interface Range {
  bytes: Uint8Array;
  prefix: number;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    // Decimal octets only: no leading "+", no hex, at most three digits.
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const value = Number(parts[i]);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tail: number[] = [];
  // A trailing dotted quad carries the low 32 bits (`::ffff:192.0.2.1`).
  const lastColon = head.lastIndexOf(':');
  if (lastColon >= 0 && head.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(head.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    head = head.slice(0, lastColon + 1);
    // Keep a "::" that ends right before the quad; drop a single separator.
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = parseGroups(halves[0]);
  const right = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!left || !right) return undefined;
  const written = left.length + right.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    // "::" stands for one or more groups of zeros.
    if (written > 7) return undefined;
    groups = [...left, ...new Array(8 - written).fill(0), ...right, ...tail];
  } else {
    if (written !== 8) return undefined;
    groups = [...left, ...tail];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

function parseAddress(text: string): Address | undefined {
  const bytes = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  return bytes ? { bytes } : undefined;
}

function parseRange(text: string): Range | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const width = address.bytes.length * 8;
  if (slash < 0) return { bytes: address.bytes, prefix: width };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > width) return undefined;
  return { bytes: address.bytes, prefix };
}

// Policies repeat the same ranges across many evaluations; the cap keeps a
// stream of unique values from growing memory without bound.
const MAX_CACHED = 5_000;
const ranges = new Map<string, Range | null>();

function cachedRange(text: string): Range | undefined {
  let range = ranges.get(text);
  if (range === undefined) {
    range = parseRange(text) ?? null;
    if (ranges.size >= MAX_CACHED) ranges.clear();
    ranges.set(text, range);
  }
  return range ?? undefined;
}

/**
 * True when the request's address lies in the policy's address or CIDR range,
 * with the semantics of the `IpAddress` operator (`NotIpAddress` is its
 * negation). Never throws; malformed input matches nothing.
 *
 * @internal
 */
export function ipAddressInRange(range: string, address: string): boolean {
  const r = cachedRange(range);
  const a = parseAddress(address);
  if (!r || !a || r.bytes.length !== a.bytes.length) return false;
  let bits = r.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((r.bytes[i] & mask) !== (a.bytes[i] & mask)) return false;
  }
  return true;
}

/**
 * True when both values can be read: the policy's as an address or CIDR
 * range, the request's as an address. Addresses of different families are
 * comparable (an IPv6 address is simply outside an IPv4 range); a value that
 * is neither is not, which makes `NotIpAddress` false for it as well.
 *
 * @internal
 */
export function ipAddressComparable(range: string, address: string): boolean {
  return (
    cachedRange(range) !== undefined && parseAddress(address) !== undefined
  );
}
