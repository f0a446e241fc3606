import { describe, expect, it } from "vitest";
import { selectorMatches } from "./exemptions.ts";

describe("exemption selectors", () => {
  it.each([
    ["example.com/dns/www/A/203.0.113.10", "example.com/dns/www/A/203.0.113.10"],
    ["example.com", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/dns/www", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/dns/www/", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/dns/www/*", "example.com/dns/www/A/203.0.113.10"],
    ["*/dns/mail/*", "example.net/dns/mail/AAAA/2001:db8::25"],
    ["example.com/dns/*/TXT", "example.com/dns/_dmarc/TXT/v=DMARC1; p=reject"],
    ["example.com/dns/@/A", "example.com/dns/@/A/203.0.113.10"],
    ["services/*", "services/grafana"],
    ["example.com", "example.com"],
  ])("%s matches %s", (selector, resource) => {
    expect(selectorMatches(selector, resource)).toBe(true);
  });

  it.each([
    ["example.co", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/dns/ww", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/dns/www/*", "example.com/dns/wwwx/A/203.0.113.10"],
    ["example.com/dns/www/AAAA", "example.com/dns/www/A/203.0.113.10"],
    ["example.com/firewall/*", "example.net/firewall/block-bots"],
    ["sub.example.com", "example.com"],
  ])("%s does not match %s", (selector, resource) => {
    expect(selectorMatches(selector, resource)).toBe(false);
  });
});
