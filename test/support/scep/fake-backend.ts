/**
 * An in-memory ScepBackend with the semantics the port documents (idempotent enroll, poll by transactionID +
 * signer key, GetCert by serial). Issues real certificates through lib/pki/x509.
 */
import { issueCertificate, parseCertificate, type Issuer } from '../../../lib/pki/x509';
import type { BackendDecision, EnrollInput, PollInput, ScepBackend } from '../../../lib/scep/backend';
import type { ScepReasonCode } from '../../../lib/scep/reason-codes';
import type { TestCa } from './identities';

const failure = (code: ScepReasonCode, failInfo: 'badRequest' | 'badCertId', reason: string, clientText?: string): BackendDecision => ({ kind: 'failure', code, failInfo, reason, clientText });

interface Transaction {
  state: 'pending' | 'issued' | 'rejected';
  csrKeySha256: string;
  signerKeySha256: string;
  input: EnrollInput;
  certificateDer?: Uint8Array;
}

export interface FakeBackendOptions {
  ca: TestCa;
  /** Required challengePassword for non-renewal enrolments; null accepts any (or none). */
  challenge?: string | null;
  /** 'pending' queues PKCSReq for approve()/reject() (manual mode). */
  mode?: 'issue' | 'pending';
  now?: () => Date;
}

export class FakeScepBackend implements ScepBackend {
  readonly enrollCalls: EnrollInput[] = [];
  readonly pollCalls: PollInput[] = [];
  readonly transactions = new Map<string, Transaction>();
  readonly issued = new Map<string, Uint8Array>();
  /** Make the next call throw (backend outage). */
  failNext: Error | null = null;

  private readonly issuer: Issuer;

  constructor(private readonly opts: FakeBackendOptions) {
    this.issuer = { certificate: parseCertificate(opts.ca.certificateDer), privateKey: opts.ca.privateKey };
  }

  private throwIfFailing(): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
  }

  private issue(input: EnrollInput): Uint8Array {
    const cert = issueCertificate({
      role: 'leaf',
      issuer: this.issuer,
      subject: input.csr.subject,
      subjectKey: input.csr.publicKeySpki,
      sans: input.csr.sans,
      validityDays: 365,
      now: (this.opts.now ?? (() => new Date()))(),
    });
    this.issued.set(cert.serialHex, cert.der);
    return cert.der;
  }

  async enroll(input: EnrollInput): Promise<BackendDecision> {
    this.throwIfFailing();
    this.enrollCalls.push(input);
    const existing = this.transactions.get(input.transactionId);
    if (existing) {
      if (existing.csrKeySha256 !== input.csr.publicKeySha256) {
        return failure('transaction-key-mismatch', 'badRequest', 'transactionID reused with a different key');
      }
      return this.decisionFor(existing);
    }
    if (input.renewalOfSerialHex) {
      if (!this.issued.has(input.renewalOfSerialHex)) {
        return failure('renewal-signer-unknown', 'badRequest', `renewal of unknown certificate ${input.renewalOfSerialHex}`);
      }
    } else if (this.opts.challenge && input.csr.challengePassword !== this.opts.challenge) {
      const missing = input.csr.challengePassword === null;
      return failure(missing ? 'challenge-missing' : 'challenge-unknown', 'badRequest', missing ? 'challenge missing' : 'challenge rejected', 'challenge rejected');
    }
    const tx: Transaction = {
      state: 'pending',
      csrKeySha256: input.csr.publicKeySha256,
      signerKeySha256: input.signerPublicKeySha256,
      input,
    };
    this.transactions.set(input.transactionId, tx);
    if (this.opts.mode !== 'pending') this.approve(input.transactionId);
    return this.decisionFor(tx);
  }

  async poll(input: PollInput): Promise<BackendDecision> {
    this.throwIfFailing();
    this.pollCalls.push(input);
    const tx = this.transactions.get(input.transactionId);
    if (!tx) return failure('poll-unknown-transaction', 'badCertId', 'unknown transaction');
    if (tx.signerKeySha256 !== input.signerPublicKeySha256) return failure('poll-signer-mismatch', 'badRequest', 'poll signed by a different key');
    return this.decisionFor(tx);
  }

  async getCertificate(serialHex: string): Promise<Uint8Array | null> {
    this.throwIfFailing();
    return this.issued.get(serialHex) ?? null;
  }

  approve(transactionId: string): void {
    const tx = this.transactions.get(transactionId);
    if (!tx || tx.state !== 'pending') throw new Error(`no pending transaction ${transactionId}`);
    tx.certificateDer = this.issue(tx.input);
    tx.state = 'issued';
  }

  reject(transactionId: string): void {
    const tx = this.transactions.get(transactionId);
    if (!tx || tx.state !== 'pending') throw new Error(`no pending transaction ${transactionId}`);
    tx.state = 'rejected';
  }

  private decisionFor(tx: Transaction): BackendDecision {
    if (tx.state === 'issued' && tx.certificateDer) return { kind: 'issued', certificateDer: tx.certificateDer };
    if (tx.state === 'rejected') return failure('rejected-by-admin', 'badRequest', 'request was rejected by an administrator');
    return { kind: 'pending' };
  }
}
