/** Codes of the `error` control messages the hub sends; a client can switch on them. */
export const TWIN_ERR_WS_BAD_JSON = 'TWIN_ERR_WS_BAD_JSON';
export const TWIN_ERR_WS_BAD_MESSAGE = 'TWIN_ERR_WS_BAD_MESSAGE';
export const TWIN_ERR_WS_BINARY = 'TWIN_ERR_WS_BINARY';
export const TWIN_ERR_WS_TOO_LARGE = 'TWIN_ERR_WS_TOO_LARGE';
export const TWIN_ERR_WS_PROTOCOL_VERSION = 'TWIN_ERR_WS_PROTOCOL_VERSION';
export const TWIN_ERR_WS_HELLO_REQUIRED = 'TWIN_ERR_WS_HELLO_REQUIRED';
export const TWIN_ERR_WS_ALREADY_GREETED = 'TWIN_ERR_WS_ALREADY_GREETED';
export const TWIN_ERR_WS_HELLO_TIMEOUT = 'TWIN_ERR_WS_HELLO_TIMEOUT';
export const TWIN_ERR_WS_TOO_MANY_ERRORS = 'TWIN_ERR_WS_TOO_MANY_ERRORS';

/**
 * WebSocket close codes (RFC 6455 §7.4; 4000–4999 are ours). A client must not reconnect
 * blindly after 4001: its protocol is wrong and will stay wrong.
 */
export const WS_CLOSE = {
  /** Normal shutdown of the hub. */
  GOING_AWAY: 1001,
  /** Repeated bad messages or no hello in time. */
  POLICY_VIOLATION: 1008,
  /** A client message above the size limit. */
  MESSAGE_TOO_BIG: 1009,
  /** The client speaks another PROTOCOL_VERSION. */
  PROTOCOL_VERSION: 4001,
} as const;
