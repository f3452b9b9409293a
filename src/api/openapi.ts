export const OPENAPI = {} as const;
