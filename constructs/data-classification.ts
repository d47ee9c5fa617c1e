/**
 * How sensitive the data in a namespace is (SOC 2 C1.1: confidential information is identified).
 * Written as the `soc2.cdk8s.io/data-classification` namespace label.
 */
export enum DataClassification {
  /** Data meant for anyone. */
  PUBLIC = 'public',
  /** Internal business data, no customer data. */
  INTERNAL = 'internal',
  /** Customer data and other confidential information. */
  CONFIDENTIAL = 'confidential',
  /** Regulated or highest-impact data: payment, health, credentials. */
  RESTRICTED = 'restricted',
}
