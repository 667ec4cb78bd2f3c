import { DownloadError } from '@ai-sdk/provider-utils';

/**
 * The private-network guard: a request to a URL that came from a response or
 * from user input must not reach loopback, a private network or a link-local
 * address (server-side request forgery), unless the caller allowed it.
 *
 * Two checks, before every hop: the URL's host (names such as `localhost`,
 * IP literals in every notation `new URL` accepts) and, on Node, the
 * addresses the host name resolves to (`node:dns` `lookup`, as the request
 * will). The second narrows DNS rebinding but cannot close it: the runtime's
 * `fetch` resolves the name again when it connects, and behind a proxy the
 * proxy resolves it, so a name that answers differently a moment later still
 * gets through. A name that does not resolve here is let through (a proxy may
 * resolve what this machine cannot).
 */

/** Host names that always mean this machine or a private network. */
const PRIVATE_HOST_NAME = /(^|\.)(localhost|local|internal|home\.arpa)$/;

/** Whether an IPv4 address (dotted quad) is loopback, private, link-local or otherwise not public. */
export function isPrivateIPv4(address: string): boolean {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return false;
  const [a, b, c] = parts as [number, number, number, number];
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Whether an IPv6 address (without brackets) is loopback, unspecified, unique-local, link-local or maps a private IPv4 one. */
export function isPrivateIPv6(address: string): boolean {
  const groups = expandIPv6(address.toLowerCase());
  if (groups === undefined) return true; // not understood: refuse
  if (groups.every((group) => group === 0)) return true; // ::
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return true; // ::1
  const first = groups[0]!;
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return true; // multicast
  const embedsIPv4 =
    (groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) || // ::ffff:a.b.c.d, ::a.b.c.d
    (first === 0x64 && groups[1] === 0xff9b); // 64:ff9b::/96 NAT64
  if (embedsIPv4) {
    const ipv4 = `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
    return isPrivateIPv4(ipv4);
  }
  return false;
}

/** The eight 16-bit groups of an IPv6 address, or `undefined`. */
function expandIPv6(address: string): number[] | undefined {
  let text = address.split('%')[0]!; // zone id
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

/** Whether an address from a lookup (either family) is not public. */
export function isPrivateAddress(address: string): boolean {
  return address.includes(':') ? isPrivateIPv6(address) : isPrivateIPv4(address);
}

/** The URL without its query and fragment (which may hold a signature), for messages. */
export function stripQuery(url: string | URL): string {
  const text = String(url);
  const index = text.search(/[?#]/);
  return index === -1 ? text : text.slice(0, index);
}

/** The error of the guard: names the URL without its query and how to allow it. */
export function privateNetworkError(url: URL, reason: string): DownloadError {
  const safeUrl = stripQuery(url);
  return new DownloadError({
    url: safeUrl,
    message:
      `Refused to fetch ${safeUrl}: ${reason}. Requests to URLs from a response or from user input may not reach ` +
      'loopback or private networks. To allow it (tests, a local emulator), pass ' +
      '`createDownload({ allowPrivateNetwork: true })` (or `allowPrivateNetwork: true` to the call that fetched it).',
  });
}

/** Why the URL's host is private, or `undefined` when it looks public (before any lookup). */
export function privateHostReason(url: URL): string | undefined {
  const hostname = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (hostname === '') return 'the URL has no host';
  if (hostname.startsWith('[')) {
    return isPrivateIPv6(hostname.slice(1, -1))
      ? `URL with IPv6 address ${hostname} is not allowed (loopback or private network)`
      : undefined;
  }
  // `new URL` already turned 0x7f.1, 2130706433 and friends into a dotted quad.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname)) {
    return isPrivateIPv4(hostname)
      ? `URL with IP address ${hostname} is not allowed (loopback or private network)`
      : undefined;
  }
  if (PRIVATE_HOST_NAME.test(hostname))
    return `URL with hostname ${hostname} is not allowed (this machine or a private network)`;
  return undefined;
}

/** Resolves a host name to its addresses (what `dns.lookup` answers); `undefined` where there is no resolver. */
export type HostResolver = (hostname: string) => Promise<string[] | undefined>;

type DnsModule = {
  promises: { lookup(hostname: string, options: { all: true }): Promise<Array<{ address: string }>> };
};

/** `node:dns` lookup where the runtime has it (Node ≥ 20.16, Bun, Deno); browsers and edge runtimes have none. */
export const resolveWithSystemDns: HostResolver = async (hostname) => {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  const dns = getBuiltinModule('node:dns') as DnsModule | undefined;
  if (!dns) return undefined;
  try {
    return (await dns.promises.lookup(hostname, { all: true })).map((entry) => entry.address);
  } catch {
    return undefined; // unresolvable here: the fetch (or its proxy) reports it
  }
};

/**
 * Throws the guard's `DownloadError` when `url` targets loopback or a
 * private network: by its host, then (with a `resolve`r, for a host name) by
 * the addresses it resolves to.
 */
export async function assertPublicUrl(url: URL, resolve: HostResolver | undefined): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw privateNetworkError(url, `the scheme ${url.protocol} is not http(s)`);
  }
  const reason = privateHostReason(url);
  if (reason !== undefined) throw privateNetworkError(url, reason);
  const hostname = url.hostname;
  if (resolve === undefined || hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return;
  const addresses = await resolve(hostname);
  const privateAddress = addresses?.find(isPrivateAddress);
  if (privateAddress !== undefined) {
    throw privateNetworkError(url, `URL with hostname ${hostname} resolves to the private address ${privateAddress}`);
  }
}
