import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory into process.env when there is one, as
 * .env.example suggests; a variable the environment already has keeps its value. Node's own
 * parser (20.12+), so no dependency. For the entry points only: tests pass their env directly.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
