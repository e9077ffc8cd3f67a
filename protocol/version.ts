/** Bumped on any incompatible change to a message or REST shape; checked at the WebSocket handshake. */
export const PROTOCOL_VERSION = 4;
