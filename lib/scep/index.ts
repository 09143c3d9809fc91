/** SCEP (RFC 8894) over bytes: the service app/scep/route.ts calls, and the pieces it is made of. */
export { createScepService } from './service';
export type { ScepEvent, ScepHttpRequest, ScepHttpResponse, ScepOutcome, ScepService, ScepServiceConfig } from './types';
export type { BackendDecision, EnrollInput, FailInfoName, PollInput, ScepBackend, ScepClientInfo } from './backend';
export { capabilitiesFor, renderCapabilities, validateCapabilities, CapabilitiesConfigError } from './capabilities';
export { ContentType, FailInfo, MessageType, PkiStatus } from './constants';
export { SCEP_REASON_CODES, isScepReasonCode, type ScepReasonCode } from './reason-codes';
