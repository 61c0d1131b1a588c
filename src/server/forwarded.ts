import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { plainAddress, type TrustedProxies } from "./trustedProxies.ts";

/** The original request, as the proxies in front of this server saw it. */
export interface OriginalRequest {
  /** Whether the TCP peer is one of AUP_TRUSTED_PROXIES. */
  viaTrustedProxy: boolean;
  /** `https` when the client's connection to the outermost trusted proxy was TLS. */
  protocol?: "http" | "https";
  /** The Host the client asked for (`hr.example.com`, `hr.example.com:8443`). */
  host?: string;
  /** The client's address: the first hop, counted from this server, that is not a trusted proxy. */
  clientAddress: string;
}

/** Every header a client could use to claim another protocol, host or address. */
const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-ssl",
  "x-real-ip",
] as const;

/** Set by this module for the routes: the TCP peer's address (header identity checks the proxy, not the client). */
export const PEER_ADDRESS_HEADER = "x-aup-peer-address";

/**
 * Reads the original protocol, host and client address from `Forwarded` (RFC 7239) or, when that is
 * absent, `X-Forwarded-For/Proto/Host`, but only from a trusted peer. Then rewrites the request's
 * headers so that Astro sees exactly one vetted value of each: Astro believes X-Forwarded-* from any
 * peer once `security.allowedDomains` is set (astro.config.mjs sets it for that reason), so removing
 * them for untrusted peers here is what keeps a client from claiming https or another address.
 */
export function applyForwarded(
  headers: IncomingHttpHeaders,
  peerAddress: string | undefined,
  proxies: TrustedProxies,
): OriginalRequest {
  const peer = plainAddress(peerAddress ?? "");
  const original = proxies.trusts(peer) ? fromTrustedPeer(headers, peer, proxies) : untrusted(peer);
  for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[PEER_ADDRESS_HEADER] = peer;
  if (!original.viaTrustedProxy) return original;
  headers["x-forwarded-for"] = original.clientAddress;
  if (original.protocol) headers["x-forwarded-proto"] = original.protocol;
  if (original.host) headers["x-forwarded-host"] = original.host;
  return original;
}

function untrusted(peer: string): OriginalRequest {
  return { viaTrustedProxy: false, clientAddress: peer };
}

interface Hop {
  for?: string;
  proto?: string;
  host?: string;
}

function fromTrustedPeer(headers: IncomingHttpHeaders, peer: string, proxies: TrustedProxies): OriginalRequest {
  const forwarded = joined(headers.forwarded);
  const hops = forwarded !== undefined ? forwardedHops(forwarded) : xForwardedHops(headers);
  // Walk back from the proxy that reached us: each trusted hop vouches for the one before it.
  let chosen: Hop | undefined;
  let clientAddress = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? {};
    const address = hop.for === undefined ? undefined : nodeAddress(hop.for);
    if (address === undefined) break; // `unknown`, an obfuscated name or garbage: stop believing here
    chosen = hop;
    clientAddress = address;
    if (!proxies.trusts(address)) break;
  }
  const source = chosen ?? hops.at(-1) ?? {};
  return {
    viaTrustedProxy: true,
    protocol: protocolOf(source.proto),
    host: hostOf(source.host),
    clientAddress,
  };
}

/** RFC 7239 elements (`for=…;proto=…;host=…`, comma-separated), quoted values unquoted. */
export function forwardedHops(value: string): Hop[] {
  const hops: Hop[] = [];
  for (const element of splitOutsideQuotes(value, ",")) {
    const hop: Hop = {};
    for (const pair of splitOutsideQuotes(element, ";")) {
      const at = pair.indexOf("=");
      if (at < 0) continue;
      const name = pair.slice(0, at).trim().toLowerCase();
      const raw = pair.slice(at + 1).trim();
      const text = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
      if (name === "for" || name === "proto" || name === "host") hop[name] = text;
    }
    hops.push(hop);
  }
  return hops;
}

/** X-Forwarded-For's addresses as hops; protocol and host from the values our peer wrote last. */
function xForwardedHops(headers: IncomingHttpHeaders): Hop[] {
  const list = (name: string) =>
    (joined(headers[name]) ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
  const proto = list("x-forwarded-proto").at(-1);
  const host = list("x-forwarded-host").at(-1);
  const addresses = list("x-forwarded-for");
  if (addresses.length === 0) return [{ proto, host }];
  return addresses.map((address) => ({ for: address, proto, host }));
}

/** `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711` or `2001:db8::1` as a bare address. */
function nodeAddress(node: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(node);
  const address = plainAddress(bracketed?.[1] ?? withPort?.[1] ?? node);
  return isIP(address) ? address : undefined;
}

function protocolOf(value: string | undefined): "http" | "https" | undefined {
  const lower = value?.trim().toLowerCase();
  return lower === "http" || lower === "https" ? lower : undefined;
}

/** A host name or address with an optional port, and nothing else (no path, no spaces, no userinfo). */
function hostOf(value: string | undefined): string | undefined {
  const host = value?.trim();
  if (!host) return undefined;
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(
    host,
  )
    ? host
    : undefined;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    if (char === "\\" && quoted) {
      current += char + (text[i + 1] ?? "");
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}
