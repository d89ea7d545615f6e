import type { ReportStore } from '../../app/delivery-ports.js';
import type { Report } from '../../domain/report/report.js';

/**
 * A previous-report store in memory (a copy per put and get, as a real store would), for tests and for
 * one-process use such as a CLI run that publishes without persisted state.
 */
export class MemoryReportStore implements ReportStore {
  readonly location = 'memory';
  private readonly reports = new Map<string, string>();

  constructor(initial: Record<string, Report> = {}) {
    for (const [key, report] of Object.entries(initial)) this.reports.set(key, JSON.stringify(report));
  }

  async get(key: string): Promise<Report | undefined> {
    const text = this.reports.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as Report);
  }

  async put(key: string, report: Report): Promise<void> {
    this.reports.set(key, JSON.stringify(report));
  }

  /** The keys stored so far, sorted. */
  keys(): string[] {
    return [...this.reports.keys()].sort();
  }
}
