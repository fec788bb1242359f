// How a placement company is recognised across events (framework-free; see company.rules.spec.ts).
import type { Company } from '@simpul/contracts';

/** Upper-case, legal-form prefixes and punctuation dropped, spaces collapsed: "PT. Sinar  Jaya" = "SINAR JAYA". */
export function normaliseCompanyName(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.,'"()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(PT|CV|PERSERO|TBK)\s+/, '')
    .replace(/\s+(PT|CV|TBK)$/, '')
    .trim();
}

/** `license:<number>` when a licence number is known (the P3MI's legal identity), else `name:<normalised>`. */
export function companyIdentityKey(company: Company): string {
  if (company.licenseNumber) return `license:${company.licenseNumber.toUpperCase().replace(/\s+/g, '')}`;
  return `name:${normaliseCompanyName(company.name)}`;
}
