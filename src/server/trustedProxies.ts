import { BlockList, isIP } from "node:net";

/** Where the proxy list comes from when AUP_TRUSTED_PROXIES is unset: a proxy on the same machine. */
export const DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1";

/** The TCP peers whose forwarding and identity headers this server believes. */
export interface TrustedProxies {
  /** The entries as configured, for messages. */
  entries: string[];
  trusts(address: string | undefined): boolean;
}

/**
 * AUP_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, IPv4 or IPv6 (`10.0.0.0/8`,
 * `fd00::/8`, `::1`). A malformed entry throws, naming it, so that a typo stops the start instead of
 * silently trusting nobody (sign-in behind TLS would fail) or, worse, a wider range than meant.
 */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): TrustedProxies {
  const entries = (env.AUP_TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) addEntry(list, entry);
  return {
    entries,
    trusts: (address) => {
      if (!address) return false;
      const bare = plainAddress(address);
      const family = isIP(bare);
      if (family === 0) return false;
      return list.check(bare, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** An IPv4 peer seen by a dual-stack socket as `::ffff:1.2.3.4`, and a zone id, both dropped. */
export function plainAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").replace(/%.*$/, "");
}

function addEntry(list: BlockList, entry: string): void {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  const problem =
    extra !== undefined || family === 0
      ? "is not an IPv4 or IPv6 address"
      : prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits)
        ? `has a prefix length that is not a whole number from 0 to ${bits}`
        : undefined;
  if (problem)
    throw new Error(
      `AUP_TRUSTED_PROXIES entry ${JSON.stringify(entry)} ${problem}. Write the addresses or CIDR ranges of your reverse proxies, separated by commas, for example "10.0.0.5,192.168.0.0/16,fd00::/8" (${DEFAULT_TRUSTED_PROXIES} when unset).`,
    );
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) list.addAddress(address, type);
  else list.addSubnet(address, Number(prefix), type);
}
