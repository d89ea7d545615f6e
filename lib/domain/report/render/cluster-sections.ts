import type { Finding } from '../../findings/finding.js';
import type { ClusterReport, Report } from '../report.js';

/** The findings of one cluster, for renderers that group by cluster. */
export interface ClusterSection {
  /** Undefined when findings name a cluster missing from `report.clusters` (they still get a section). */
  cluster: ClusterReport | undefined;
  name: string;
  account: string;
  region: string;
  findings: Finding[];
}

/**
 * Groups the report's findings by cluster (name + account + region), in `report.clusters` order; clusters without
 * findings get an empty section, and findings of an unlisted cluster get a section after the listed ones, so no
 * finding is ever left out of a rendering.
 */
export function clusterSections(report: Report): ClusterSection[] {
  const key = (name: string, account: string, region: string) => `${name}\u0000${account}\u0000${region}`;
  const byKey = new Map<string, ClusterSection>();
  for (const c of report.clusters) {
    byKey.set(key(c.name, c.account, c.region), { cluster: c, name: c.name, account: c.account, region: c.region, findings: [] });
  }
  for (const f of report.findings) {
    const k = key(f.cluster, f.account, f.region);
    let section = byKey.get(k);
    if (!section) {
      section = { cluster: undefined, name: f.cluster, account: f.account, region: f.region, findings: [] };
      byKey.set(k, section);
    }
    section.findings.push(f);
  }
  return [...byKey.values()];
}
