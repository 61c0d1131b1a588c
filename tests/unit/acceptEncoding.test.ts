import { describe, expect, it } from "vitest";
import { preferredCoding } from "../../src/server/acceptEncoding.ts";

describe("the content coding a client accepts", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["GZIP", "gzip"],
    ["x-gzip", "gzip"],
    ["deflate", "identity"],
    ["gzip;q=0.9, br;q=0.3", "gzip"],
    ["br;q=0.5, gzip;q=0.5, identity;q=0.5", "br"],
    ["br;q=0.1", "br"],
    ["identity;q=1, gzip;q=0.5", "identity"],
    ["*;q=0.2", "br"],
    ["*;q=0.2, br;q=0", "gzip"],
    ["br;q=0, gzip;q=0, identity;q=0", "identity"],
    ["br;q=abc, gzip", "gzip"],
    ["br;q=2", "identity"],
    ["", "identity"],
    [" , ;q=1", "identity"],
  ])("%j: %s", (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });

  it("reads a header sent in several lines as one list, and no header as identity", () => {
    expect(preferredCoding(["gzip;q=0.5", "br;q=0.4"])).toBe("gzip");
    expect(preferredCoding(undefined)).toBe("identity");
  });
});
