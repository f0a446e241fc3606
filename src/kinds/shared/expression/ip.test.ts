import { isIPv4, isIPv6 } from "node:net";
import { describe, expect, it } from "vitest";
import { parseAddress, parseCidr } from "./ip.ts";

describe("parseAddress", () => {
  it.each(["0.0.0.0", "255.255.255.255", "192.0.2.1", "::", "::1", "fe80::1", "2001:db8::", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6::8"])(
    "accepts %s like node:net and gives the right number",
    (text) => {
      expect(isIPv4(text) || isIPv6(text)).toBe(true);
      const parsed = parseAddress(text);
      expect(parsed).toBeDefined();
    },
  );

  it.each(["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7", "::1.2.3", "1.2.3.4:80"])("rejects %s", (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it("computes values", () => {
    expect(parseAddress("1.2.3.4")).toEqual({ family: 4, value: 0x01020304n });
    expect(parseAddress("::ffff:1.2.3.4")).toEqual({ family: 6, value: 0xffff01020304n });
    expect(parseAddress("2001:db8::1")?.value).toBe(0x20010db8000000000000000000000001n);
  });

  it("checks CIDR host bits", () => {
    expect(parseCidr("10.0.0.0/8", 0)).toMatchObject({ first: 0x0a000000n, last: 0x0affffffn, prefix: 8 });
    expect(() => parseCidr("10.0.0.1/8", 0)).toThrow(/host bits/);
    expect(parseCidr("2001:db8::/32", 0).last).toBe(0x20010db8ffffffffffffffffffffffffn);
  });
});
