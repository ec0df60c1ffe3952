import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';

/** Verdict per service account (architecture.md vocabulary). */
export type Verdict = 'verified' | 'broken' | 'risky' | 'not-configured';

/** Expected result for one (cluster, namespace, service account) of an entity. */
export interface Expectation {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** `irsa` (annotation), `pod-identity` (association), `both`, or `none`. */
  binding: 'irsa' | 'pod-identity' | 'both' | 'none';
  /** Role the SDK in the pod would use, when one is usable. */
  effectiveRoleArn?: string;
  verdict: Verdict;
  /** Finding ids (security.md §1) that MUST be reported for this service account. */
  findings: string[];
  /** Ids that MAY also be reported (judgement calls); anything else is unexpected. */
  optionalFindings: string[];
  /** Why, in one sentence (for reviewers and failure messages). */
  rationale: string;
  /** Scenario id in `src/seeds/scenarios.ts`. */
  scenario: string;
}

/** The whole table: entity ref → expectations. */
export interface ExpectationTable {
  version: 1;
  description: string;
  entities: Record<string, Expectation[]>;
}

/** Path of the committed table. */
export const expectationsFile = join(paths.root, 'test', 'sandbox', 'expectations.json');

/** Reads `test/sandbox/expectations.json`. */
export function loadExpectations(file = expectationsFile): ExpectationTable {
  return JSON.parse(readFileSync(file, 'utf8')) as ExpectationTable;
}
