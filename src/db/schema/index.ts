export * from './practice.js';
export * from './people.js';
export * from './clients.js';
export * from './journey.js';
export * from './sessions.js';
export * from './audit.js';
export * from './records.js';
export * from './measures.js';
