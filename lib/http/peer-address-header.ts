/**
 * The request header in which Tessera's own HTTP server (scripts/http-server.ts) passes the TCP peer address to the
 * app. The server deletes any copy a client sent before setting it, so its value is the socket's, never the client's.
 */
export const PEER_ADDRESS_HEADER = 'x-tessera-peer-address';
