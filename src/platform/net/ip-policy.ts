import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses an outbound fetch (link check, harvest) may connect to.
 * Everything that is not globally routable is refused: loopback, private, link-local (cloud metadata
 * at 169.254.169.254 and fd00:ec2::254), CGNAT, multicast, reserved, documentation ranges, and IPv6
 * forms that embed such an IPv4 address (mapped, compatible, NAT64, 6to4).
 */
export interface AddressPolicy {
  /** Permit 127.0.0.0/8 and ::1 (tests only, set from config). Never widens anything else. */
  allowLoopback?: boolean;
}

type V4Range = readonly [base: number, prefix: number, label: string];

const v4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

const BLOCKED_V4: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, 'this-network'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'shared (CGNAT)'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local / cloud metadata'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'IETF protocol assignments'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(192, 88, 99, 0), 24, '6to4 relay'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'benchmarking'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved / broadcast'],
];

/** Parses dotted-quad IPv4 (already canonical, as the URL parser and DNS give it) to a 32-bit number. */
function parseV4(ip: string): number {
  const parts = ip.split('.').map((p) => Number.parseInt(p, 10));
  return v4(parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0);
}

function inV4Range(n: number, [base, prefix]: V4Range): boolean {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (n & mask) >>> 0 === (base & mask) >>> 0;
}

/** Expands an IPv6 address (with optional embedded dotted quad) into 8 16-bit groups. */
export function expandV6(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) {
    const n = parseV4(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(fill).fill('0'), ...tailGroups];
  return groups.map((g) => Number.parseInt(g, 16) || 0);
}

function v4FromGroups(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** Why an IPv4 address is refused, or null when it is globally routable. */
function v4Reason(ip: string, policy: AddressPolicy): string | null {
  const n = parseV4(ip);
  for (const range of BLOCKED_V4) {
    if (!inV4Range(n, range)) continue;
    if (range[2] === 'loopback' && policy.allowLoopback) return null;
    return range[2];
  }
  return null;
}

/** Why an IPv6 address is refused, or null when it is globally routable. */
function v6Reason(ip: string, policy: AddressPolicy): string | null {
  const g = expandV6(ip);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return policy.allowLoopback ? null : 'loopback';
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible) reach the IPv4 address itself.
  if (firstFiveZero && (g5 === 0xffff || g5 === 0)) return v4Reason(v4FromGroups(g6, g7), policy);
  // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 destination.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return v4Reason(v4FromGroups(g6, g7), { allowLoopback: false });
  }
  if (g0 === 0x2002) return v4Reason(v4FromGroups(g1, g2), { allowLoopback: false });
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard';
  return null;
}

/**
 * Returns why `address` must not be contacted, or null when it is allowed.
 * Anything that is not a literal IPv4/IPv6 address is refused (callers resolve names first).
 */
export function blockedReason(address: string, policy: AddressPolicy = {}): string | null {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(ip)) return v4Reason(ip, policy);
  if (isIPv6(ip)) return v6Reason(ip, policy);
  return 'not an IP address';
}

/** True when `address` is a literal IP the policy allows connecting to. */
export function isAllowedAddress(address: string, policy: AddressPolicy = {}): boolean {
  return blockedReason(address, policy) === null;
}
