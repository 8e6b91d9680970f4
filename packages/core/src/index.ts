export * from './errors.js';
export * from './fast-parse/index.js';
export * from './ids.js';
export * from './key-census.js';
export * from './keys.js';
export * from './ports/index.js';
export * from './schemas/index.js';
export * from './validation.js';
