import { highestSeverity } from '../../findings/severity.js';
import type { Report } from '../report.js';
import { utf8Length } from './utf8-length.js';

/** An SNS message attribute, in the shape `Publish` takes (`MessageAttributeValue`). */
export interface SnsMessageAttribute {
  DataType: 'String' | 'Number' | 'String.Array';
  StringValue: string;
}

/** The contract's message attributes (docs/contracts.md "SNS message"), which subscription filter policies match. */
export interface AlertAttributes {
  /**
   * Highest severity of the open findings (`critical` .. `info`), or `none`: a one-element `String.Array`, so a
   * filter policy `{"severity": ["critical", "high"]}` matches it as it matched the earlier `String`.
   */
  severity: SnsMessageAttribute;
  /** Cluster names of the run, sorted (`String.Array`: `{"cluster": ["prod-east"]}` matches a multi-cluster run). */
  cluster: SnsMessageAttribute;
  /** Account ids of the run, sorted (`String.Array`). */
  account: SnsMessageAttribute;
  /** Open (unsuppressed) findings, `fail` and `error`. */
  findings: SnsMessageAttribute;
  /** `summary.new`. */
  new: SnsMessageAttribute;
  /** Check ids of the open findings, sorted: a JSON array (`String.Array`). */
  check: SnsMessageAttribute;
}

/**
 * The message attributes of a run. They describe the whole run, so every part of a numbered series carries the
 * same values and a filter policy delivers either all parts or none. SNS rejects empty values: `none` stands in.
 */
export function alertAttributes(report: Report): AlertAttributes {
  const open = report.findings.filter((f) => !f.suppressed);
  const array = (values: Iterable<string>) => {
    const sorted = [...new Set(values)].filter((v) => v !== '').sort();
    return { DataType: 'String.Array' as const, StringValue: JSON.stringify(sorted.length === 0 ? ['none'] : sorted) };
  };
  return {
    severity: array([highestSeverity(open.map((f) => f.severity)) ?? 'none']),
    cluster: array(report.clusters.map((c) => c.name)),
    account: array(report.clusters.map((c) => c.account)),
    findings: { DataType: 'Number', StringValue: String(open.length) },
    new: { DataType: 'Number', StringValue: String(report.summary.new) },
    check: { DataType: 'String.Array', StringValue: JSON.stringify([...new Set(open.map((f) => f.check))].sort()) },
  };
}

/** Bytes the attributes add to the message size (SNS counts each name, data type and value). */
export function attributesBytes(attributes: Readonly<Record<string, SnsMessageAttribute>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes)) bytes += utf8Length(name) + utf8Length(value.DataType) + utf8Length(value.StringValue);
  return bytes;
}
