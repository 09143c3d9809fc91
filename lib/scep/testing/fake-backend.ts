/**
 * An in-memory ScepBackend with the semantics the port documents (idempotent enroll, poll by transactionID +
 * signer key, GetCert by serial). Issues real certificates through lib/pki/x509.
 */
import { issueCertificate } from '../../pki/x509/issue-certificate';
import type { BackendDecision, EnrollInput, PollInput, ScepBackend } from '../backend';
import type { TestCa } from './identities';

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

  constructor(private readonly opts: FakeBackendOptions) {}

  private throwIfFailing(): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
  }

  private issue(input: EnrollInput): Uint8Array {
    const cert = issueCertificate({
      caCertificateDer: this.opts.ca.certificateDer,
      caKey: this.opts.ca.privateKey,
      csr: input.csr,
      sans: input.csr.sans,
      validityDays: 365,
      emailProtection: false,
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
        return { kind: 'failure', failInfo: 'badRequest', reason: 'transactionID reused with a different key' };
      }
      return this.decisionFor(existing);
    }
    if (input.renewalOfSerialHex) {
      if (!this.issued.has(input.renewalOfSerialHex)) {
        return { kind: 'failure', failInfo: 'badRequest', reason: `renewal of unknown certificate ${input.renewalOfSerialHex}` };
      }
    } else if (this.opts.challenge && input.csr.challengePassword !== this.opts.challenge) {
      return {
        kind: 'failure',
        failInfo: 'badRequest',
        reason: input.csr.challengePassword === null ? 'challenge missing' : 'challenge rejected',
        clientText: 'challenge rejected',
      };
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
    if (!tx) return { kind: 'failure', failInfo: 'badCertId', reason: 'unknown transaction' };
    if (tx.signerKeySha256 !== input.signerPublicKeySha256) {
      return { kind: 'failure', failInfo: 'badRequest', reason: 'poll signed by a different key' };
    }
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
    if (tx.state === 'rejected') return { kind: 'failure', failInfo: 'badRequest', reason: 'request was rejected by an administrator' };
    return { kind: 'pending' };
  }
}
