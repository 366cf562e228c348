/**
 * What keeps web pages from driving a local API: requests are answered only when addressed to this
 * server by name (`Host`, against DNS rebinding) and sent from no web page or an allowed one
 * (`Origin`); POST bodies must be JSON or YAML (a page can send text/plain without asking); every
 * answer carries headers that forbid sniffing, framing and referrers.
 */
import type { IncomingMessage } from "node:http";

/** Headers on every answer. */
export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

/**
 * The policy of the self-contained HTML report: its own inline styles, scripts and images only,
 * no network, no framing.
 */
export const HTML_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Media types of JSON bodies, and of scenarios (JSON or YAML). */
export const JSON_TYPES = ["application/json"];
export const SCENARIO_TYPES = [
  ...JSON_TYPES,
  "application/yaml",
  "application/x-yaml",
  "text/yaml",
  "text/x-yaml",
];

/** A request's media type without parameters ("application/json"), or undefined. */
export function mediaType(req: IncomingMessage): string | undefined {
  return req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() || undefined;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Who may call: Host names this server answers to, and web origins allowed. */
export interface Guard {
  /** Whether the Host header names this server (any when it listens on every address). */
  hostAllowed(host: string | undefined): boolean;
  /** Whether a request with this Origin (none: not from a web page) may be answered. */
  originAllowed(origin: string | undefined): boolean;
}

/**
 * The guard of a server listening on `address:port`. On a loopback or a given address, Host must
 * be that address, a loopback name, or one of `hosts`, with the port; on every address
 * (0.0.0.0, ::) any Host is answered, as the machine is meant to be reached by other names.
 * `origins` lists the web origins allowed (none by default).
 */
export function guard(
  address: string,
  port: number,
  opts: { hosts?: string[]; origins?: string[] } = {},
): Guard {
  const everywhere = address === "0.0.0.0" || address === "::";
  const bare = address.replace(/^\[|\]$/g, "");
  const names = new Set([...(LOOPBACK.has(bare) ? LOOPBACK : []), bare, ...(opts.hosts ?? [])]);
  const origins = new Set((opts.origins ?? []).map((o) => o.replace(/\/$/, "").toLowerCase()));
  return {
    hostAllowed(host) {
      if (everywhere) return true;
      if (!host) return false;
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
      if (!m) return false;
      const name = m[1]!.replace(/^\[|\]$/g, "");
      return (
        (names.has(name) || names.has(m[1]!)) && (m[2] === undefined ? port === 80 : Number(m[2]) === port)
      );
    },
    originAllowed(origin) {
      return origin === undefined || origins.has(origin.toLowerCase());
    },
  };
}
