// Certificate expiry per hostname, from the TLS handshakes of the certificate watch.
import type { CertificateStatus } from "../model.ts";
import { badge } from "./badges.ts";
import { daysUntil, formatTimestamp } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { timeTag } from "./time-tag.ts";
import { compareText } from "../../shared/compare-text.ts";

export const expiringSoonDays = 14;

function state(cert: CertificateStatus, now: Date): { status: string; days?: number } {
  if (cert.error || cert.validTo === undefined) return { status: "unreachable" };
  const days = daysUntil(cert.validTo, now);
  return { status: days < 0 ? "expired" : days < expiringSoonDays ? "expiring" : "valid", days };
}

export function certificatesSection(certificates: CertificateStatus[], now: Date): SafeHtml {
  const heading = html`<h2 id="certificates-title">Certificates</h2>`;
  if (certificates.length === 0) return html`<section id="certificates" aria-labelledby="certificates-title">${heading}<p>No certificate checks configured or run yet.</p></section>`;
  const sorted = [...certificates].sort((a, b) => compareText(a.validTo ?? "", b.validTo ?? ""));
  return html`<section id="certificates" aria-labelledby="certificates-title">${heading}
  <table class="certificates">
    <thead><tr><th scope="col">Hostname</th><th scope="col">Expires</th><th scope="col">Days left</th><th scope="col">Status</th><th scope="col">Issuer</th><th scope="col">Checked</th></tr></thead>
    <tbody>${sorted.map((cert) => {
      const { status, days } = state(cert, now);
      return html`<tr><th scope="row"><code>${cert.hostname}</code>${cert.port && cert.port !== 443 ? `:${cert.port}` : ""}</th>
        <td>${formatTimestamp(cert.validTo)}</td><td>${days ?? "—"}</td>
        <td>${badge(status)}${cert.error ? html` <span class="error-text">${cert.error}</span>` : ""}</td>
        <td>${cert.issuer ?? ""}</td><td>${timeTag(cert.checkedAt, now)}</td></tr>`;
    })}</tbody>
  </table></section>`;
}
