// The wire protocol shared by twin-api and viewer: no Node imports, runs in the browser too.
export * from './version.ts';
export * from './envelope.ts';
export * from './samples.ts';
export * from './ws.ts';
