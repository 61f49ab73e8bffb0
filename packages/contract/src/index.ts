/**
 * The API contract, one package both ends import: the zod schemas of every request and response
 * (the API validates with them and generates its OpenAPI document from them; the dashboard and the
 * CLI use the inferred types), the rubric and the rules reference.
 */
export * from './schemas';
export * from './schemas-auth';
export * from './rubric';
export * from './schemas-office';
