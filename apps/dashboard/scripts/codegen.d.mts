export const dashboardDir: string;
export const schemaFile: string;
export const outputFile: string;
export function generate(): Promise<string>;
