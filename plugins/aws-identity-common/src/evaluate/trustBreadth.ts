/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import {
  parseArn,
  serviceAccountSubject,
  validateNamespace,
  validateServiceAccountName,
} from '../parse/identifiers';
import { ParsedPolicy, ParsedStatement } from '../policy/types';
import { EvaluationRequest, evaluatePolicy } from './evaluatePolicy';
import { DEFAULT_IRSA_AUDIENCE, irsaRequest } from './workloadRequests';
import { Formula, and, not, or } from './witness/formula';
import { Glob } from './witness/glob';
import { KeyQuestions, KeyStatement } from './witness/keyQuestions';
import { Segment } from './witness/search';
import { DNS_LABEL, DNS_SUBDOMAIN, nonEmptyText } from './witness/syntax';

/**
 * An OIDC provider named in a trust policy's `Principal.Federated`.
 *
 * @public
 */
export interface TrustedProvider {
  /** The provider ARN as written. */
  arn: string;
  /** Account in the ARN. */
  accountId: string;
  /** Issuer `host/path`. */
  issuerHostPath: string;
  /** Statements that name this provider. */
  statementIndexes: number[];
}

/**
 * Lists the OIDC providers a trust policy names in `Allow` statements.
 *
 * @public
 */
export function trustedOidcProviders(policy: ParsedPolicy): TrustedProvider[] {
  const byArn = new Map<string, TrustedProvider>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const arn of statement.principal?.byType.Federated ?? []) {
      const parsed = parseArn(arn);
      if (!parsed.ok || !parsed.value.resource.startsWith('oidc-provider/'))
        continue;
      const existing = byArn.get(arn);
      if (existing) {
        existing.statementIndexes.push(statement.index);
        continue;
      }
      byArn.set(arn, {
        arn,
        accountId: parsed.value.accountId,
        issuerHostPath: parsed.value.resource.slice('oidc-provider/'.length),
        statementIndexes: [statement.index],
      });
    }
  }
  return [...byArn.values()];
}

/**
 * A service account a trust admits although it is not one the trust was
 * written for: a real subject (`system:serviceaccount:<namespace>:<name>`
 * with a DNS-label namespace and a DNS-subdomain name) that evaluation
 * confirms is allowed.
 *
 * @public
 */
export interface SubjectWitness {
  /** The `sub` claim, `system:serviceaccount:<namespace>:<name>`. */
  subject: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * What one `Allow` statement admits beyond the intended subjects, with the
 * statement's allow minus what `Deny` statements exclude.
 *
 * @public
 */
export interface StatementBreadth {
  statementIndex: number;
  /** The statement has a condition on `<issuer>:sub`. */
  constrainsSubject: boolean;
  /** Every valid namespace gets the role through it (with some name). */
  everyNamespace: boolean;
  /** A subject in a namespace the policy does not name. */
  otherNamespace?: SubjectWitness;
  /** Named namespaces in which it admits service accounts nobody named. */
  otherServiceAccounts: Array<{
    namespace: string;
    /** Every valid service account name of the namespace is admitted. */
    everyServiceAccount: boolean;
    witness: SubjectWitness;
  }>;
}

/**
 * How wide an IRSA trust is for one provider, decided from the patterns
 * themselves: the `sub` / `aud` conditions of every statement are read as
 * automata, and a witness — a real subject or audience the trust admits but
 * nobody named — is constructed from them and confirmed by evaluation.
 *
 * @public
 */
export interface TrustBreadth {
  provider: TrustedProvider;
  /**
   * Every valid namespace gets the role through some statement, with or
   * without a `sub` condition.
   */
  anyServiceAccount: boolean;
  /**
   * The statements that do have a `sub` condition, taken together, admit
   * every valid namespace.
   */
  everyNamespace: boolean;
  /** Per `Allow` statement that admits more than the intended subjects. */
  statements: StatementBreadth[];
  /** A request without the `sub` key is allowed (fail-open on a missing key). */
  allowsWithoutSub: boolean;
  /** A token with an audience nobody named is accepted. */
  anyAudience: boolean;
  /** Such an audience, for the message. */
  audienceWitness?: string;
  /** Subjects written literally in the policy (no wildcard), as `ns/name`. */
  literalSubjects: Array<{ namespace: string; serviceAccount: string }>;
  /**
   * A search ran out of its step budget (a hostile policy): what is reported
   * was proven, but more may be admitted.
   */
  undecided: boolean;
}

/**
 * The service account a trust is examined for (the binding being checked).
 *
 * @public
 */
export interface TrustBreadthTarget {
  issuerHostPath: string;
  namespace: string;
  serviceAccount: string;
  audience?: string;
}

const SUB_PREFIX = 'system:serviceaccount:';
// The searched part of a subject: `<namespace>:<name>`.
const SUBJECT: Segment[] = [
  { syntax: DNS_LABEL },
  { fixed: ':' },
  { syntax: DNS_SUBDOMAIN },
];
// A client ID of an IAM OIDC provider is at most 255 characters.
const AUDIENCE: Segment[] = [{ syntax: nonEmptyText(255) }];

type Subject = { namespace: string; serviceAccount: string };

function splitSubject(value: string): Subject | undefined {
  if (!value.startsWith(SUB_PREFIX)) return undefined;
  const segments = value.slice(SUB_PREFIX.length).split(':');
  if (segments.length !== 2) return undefined;
  return { namespace: segments[0], serviceAccount: segments[1] };
}

/** A subject a real service account can have (Kubernetes name rules). */
function realSubject(value: string): Subject | undefined {
  const parts = splitSubject(value);
  return parts &&
    validateNamespace(parts.namespace).ok &&
    validateServiceAccountName(parts.serviceAccount).ok
    ? parts
    : undefined;
}

const subjectOf = (s: Subject) =>
  serviceAccountSubject({ namespace: s.namespace, name: s.serviceAccount });

// The written values of positive sub conditions in Allow statements: what
// the author meant to trust.
function namedSubjects(
  policy: ParsedPolicy,
  keyLower: string,
): { literal: Subject[]; namespaces: string[] } {
  const literal = new Map<string, Subject>();
  const namespaces = new Set<string>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const condition of statement.conditions) {
      if (condition.keyLower !== keyLower || condition.negated) continue;
      for (const value of condition.values) {
        const parts = splitSubject(value);
        if (!parts || /[*?]/.test(parts.namespace) || parts.namespace === '')
          continue;
        namespaces.add(parts.namespace);
        if (!/[*?]/.test(parts.serviceAccount))
          literal.set(`${parts.namespace}/${parts.serviceAccount}`, parts);
      }
    }
  }
  return { literal: [...literal.values()], namespaces: [...namespaces] };
}

function namedAudiences(policy: ParsedPolicy, keyLower: string): string[] {
  const out = new Set<string>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const condition of statement.conditions) {
      if (condition.keyLower !== keyLower || condition.negated) continue;
      for (const value of condition.values)
        if (!/[*?]/.test(value)) out.add(value);
    }
  }
  return [...out];
}

function exactGlob(text: string): Glob {
  return Glob.literal(text, false);
}

function patternGlob(text: string): Glob {
  return Glob.wildcard([{ text, literal: false }], false);
}

/** The questions about one provider's `sub`, and their answers. */
class SubjectBreadth {
  readonly #policy: ParsedPolicy;
  readonly #provider: TrustedProvider;
  readonly #audience: string;
  readonly questions: KeyQuestions;
  readonly #intended: Set<string>;
  readonly #namespaces: string[];
  readonly #preferredName?: string;
  // "Not one of the intended subjects", "in no named namespace".
  readonly #notIntended: Formula;
  readonly #unnamedNamespace: Formula;

  constructor(
    policy: ParsedPolicy,
    provider: TrustedProvider,
    audience: string,
    intended: Subject[],
    namespaces: string[],
    preferredName?: string,
  ) {
    this.#policy = policy;
    this.#provider = provider;
    this.#audience = audience;
    this.questions = new KeyQuestions(
      policy,
      this.request({ namespace: 'x', serviceAccount: 'x' }),
      `${provider.issuerHostPath}:sub`.toLowerCase(),
    );
    this.#intended = new Set(intended.map(subjectOf));
    this.#namespaces = namespaces;
    this.#preferredName = preferredName;
    const q = this.questions;
    this.#notIntended = not(
      or(...[...this.#intended].map(s => q.glob(exactGlob(s)))),
    );
    this.#unnamedNamespace = and(
      this.#notIntended,
      not(
        or(
          ...namespaces.map(ns => q.glob(patternGlob(`${SUB_PREFIX}${ns}:*`))),
        ),
      ),
    );
  }

  request(subject: Subject, audience = this.#audience): EvaluationRequest {
    return irsaRequest({
      issuerHostPath: this.#provider.issuerHostPath,
      accountId: this.#provider.accountId,
      namespace: subject.namespace,
      serviceAccount: subject.serviceAccount,
      audience,
    });
  }

  /** Evaluation has the last word on every witness the patterns propose. */
  confirm(
    value: string | undefined,
    statement: ParsedStatement,
  ): SubjectWitness | undefined {
    const parts = value === undefined ? undefined : realSubject(value);
    if (!parts || this.#intended.has(subjectOf(parts))) return undefined;
    const result = evaluatePolicy(this.#policy, this.request(parts));
    if (
      !result.deciding.some(t => t.index === statement.index) ||
      !result.allowed
    )
      return undefined;
    return { subject: subjectOf(parts), ...parts };
  }

  /** A subject in a namespace nobody named, admitted through the statement. */
  otherNamespace(s: KeyStatement): SubjectWitness | undefined {
    const named = new Set(this.#namespaces);
    if (s.candidates) {
      for (const value of s.candidates) {
        const parts = realSubject(value);
        if (!parts || named.has(parts.namespace)) continue;
        const witness = this.confirm(value, s.statement);
        if (witness) return witness;
      }
      return undefined;
    }
    const q = this.questions;
    const admits = and(q.admittedBy([s]), this.#unnamedNamespace);
    // Prefer a witness that keeps the intended name, so the message shows
    // only what differs: "admits system:serviceaccount:x:api".
    const sameName =
      this.#preferredName === undefined
        ? undefined
        : q.find(
            and(
              admits,
              q.glob(
                Glob.wildcard(
                  [
                    { text: `${SUB_PREFIX}*:`, literal: false },
                    { text: this.#preferredName, literal: true },
                  ],
                  false,
                ),
              ),
            ),
            SUB_PREFIX,
            SUBJECT,
          );
    const text = sameName ?? q.find(admits, SUB_PREFIX, SUBJECT);
    return this.confirm(text && SUB_PREFIX + text, s.statement);
  }

  /** A subject of the named namespace that nobody named, admitted through it. */
  otherServiceAccount(
    s: KeyStatement,
    namespace: string,
  ): SubjectWitness | undefined {
    if (s.candidates) {
      for (const value of s.candidates) {
        if (realSubject(value)?.namespace !== namespace) continue;
        const witness = this.confirm(value, s.statement);
        if (witness) return witness;
      }
      return undefined;
    }
    const q = this.questions;
    const text = q.find(and(q.admittedBy([s]), this.#notIntended), SUB_PREFIX, [
      { fixed: `${namespace}:` },
      { syntax: DNS_SUBDOMAIN },
    ]);
    return this.confirm(text && SUB_PREFIX + text, s.statement);
  }

  /** Proven: every service account name of the namespace is admitted. */
  everyServiceAccount(statements: KeyStatement[], namespace: string): boolean {
    if (statements.every(s => s.candidates)) return false;
    return this.questions.everyValue(
      this.questions.admittedBy(statements),
      SUB_PREFIX,
      [{ fixed: `${namespace}:` }, { syntax: DNS_SUBDOMAIN }],
    );
  }

  readonly #everyNamespace = new Map<string, boolean>();

  /** Proven: every valid namespace gets the role with some name. */
  everyNamespace(statements: KeyStatement[]): boolean {
    if (statements.length === 0 || statements.every(s => s.candidates))
      return false;
    const key = statements.map(s => s.statement.index).join(',');
    let every = this.#everyNamespace.get(key);
    if (every === undefined) {
      every = this.questions.everyFirstPart(
        this.questions.admittedBy(statements),
        SUB_PREFIX,
        SUBJECT,
      );
      this.#everyNamespace.set(key, every);
    }
    return every;
  }
}

// An audience nobody named that a token for an admitted subject may carry:
// for the intended subject when the trust admits it, else any admitted one.
function audienceWitness(
  policy: ParsedPolicy,
  breadth: SubjectBreadth,
  subjects: Subject[],
  audience: string,
  audKey: string,
): { witness?: string; undecided: boolean } {
  const subject = subjects.find(
    c => evaluatePolicy(policy, breadth.request(c)).allowed,
  );
  if (!subject) return { undecided: false };
  const q = new KeyQuestions(policy, breadth.request(subject), audKey);
  const named = [
    ...new Set([
      ...namedAudiences(policy, audKey),
      DEFAULT_IRSA_AUDIENCE,
      audience,
    ]),
  ];
  const candidates = q.allow.every(s => s.candidates)
    ? q.allow.flatMap(s => s.candidates ?? [])
    : undefined;
  const proposals = candidates
    ? candidates.filter(c => c !== '' && !named.includes(c))
    : [
        q.find(
          and(
            q.admittedBy(q.allow),
            not(or(...named.map(a => q.glob(exactGlob(a))))),
          ),
          '',
          AUDIENCE,
        ),
      ];
  const witness = proposals.find(
    a =>
      a !== undefined &&
      evaluatePolicy(policy, breadth.request(subject, a)).allowed,
  );
  return { witness, undecided: q.undecided };
}

function analyzeProvider(
  policy: ParsedPolicy,
  provider: TrustedProvider,
  target: TrustBreadthTarget | undefined,
): TrustBreadth {
  const mine =
    target?.issuerHostPath.toLowerCase() ===
    provider.issuerHostPath.toLowerCase()
      ? target
      : undefined;
  const audience = mine?.audience ?? DEFAULT_IRSA_AUDIENCE;
  const subKey = `${provider.issuerHostPath}:sub`.toLowerCase();
  const named = namedSubjects(policy, subKey);
  const intended: Subject[] = [
    ...named.literal,
    ...(mine
      ? [{ namespace: mine.namespace, serviceAccount: mine.serviceAccount }]
      : []),
  ];
  const namespaces = [
    ...new Set([...named.namespaces, ...(mine ? [mine.namespace] : [])]),
  ];
  const breadth = new SubjectBreadth(
    policy,
    provider,
    audience,
    intended,
    namespaces,
    mine?.serviceAccount ?? named.literal[0]?.serviceAccount,
  );
  const allow = breadth.questions.allow;

  const statements: StatementBreadth[] = [];
  for (const s of allow) {
    const otherNamespace = breadth.otherNamespace(s);
    const otherServiceAccounts = namespaces.flatMap(namespace => {
      const witness = breadth.otherServiceAccount(s, namespace);
      return witness
        ? [
            {
              namespace,
              everyServiceAccount: breadth.everyServiceAccount([s], namespace),
              witness,
            },
          ]
        : [];
    });
    if (!otherNamespace && otherServiceAccounts.length === 0) continue;
    statements.push({
      statementIndex: s.statement.index,
      constrainsSubject: s.statement.conditions.some(
        c => c.keyLower === subKey,
      ),
      everyNamespace:
        otherNamespace !== undefined && breadth.everyNamespace([s]),
      otherNamespace,
      otherServiceAccounts,
    });
  }

  // Whole-policy questions: several statements together may admit every
  // namespace although none does alone.
  const wide = (candidates: KeyStatement[]) =>
    candidates.some(c =>
      statements.some(
        s =>
          s.statementIndex === c.statement.index &&
          s.otherNamespace !== undefined,
      ),
    ) && breadth.everyNamespace(candidates);
  const constrained = allow.filter(s =>
    s.statement.conditions.some(c => c.keyLower === subKey),
  );

  const withoutSub = evaluatePolicy(policy, {
    ...breadth.request({ namespace: 'x', serviceAccount: 'x' }),
    context: { [`${provider.issuerHostPath}:aud`]: audience },
  });
  const someWitness = statements
    .flatMap(s => [
      s.otherNamespace,
      ...s.otherServiceAccounts.map(o => o.witness),
    ])
    .filter((w): w is SubjectWitness => w !== undefined);
  const aud = audienceWitness(
    policy,
    breadth,
    [...intended, ...someWitness],
    audience,
    `${provider.issuerHostPath}:aud`.toLowerCase(),
  );

  return {
    provider,
    anyServiceAccount: wide(allow),
    everyNamespace: wide(constrained),
    statements,
    allowsWithoutSub: withoutSub.allowed,
    anyAudience: aud.witness !== undefined,
    audienceWitness: aud.witness,
    literalSubjects: named.literal,
    undecided: breadth.questions.undecided || aud.undecided,
  };
}

/**
 * Decides, for every OIDC provider a trust policy names, who besides the
 * intended service account could assume the role — by reasoning over the
 * `sub` and `aud` patterns of all statements (Allow minus Deny), not by
 * trying invented names. `target` is the service account the trust is
 * examined for; subjects the policy writes literally count as intended too.
 *
 * @internal
 */
export function analyzeTrustBreadth(
  policy: ParsedPolicy,
  target?: TrustBreadthTarget,
): TrustBreadth[] {
  return trustedOidcProviders(policy).map(provider =>
    analyzeProvider(policy, provider, target),
  );
}
