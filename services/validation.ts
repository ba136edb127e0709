import type { z } from 'zod';

/** Input that failed its schema: every problem, each named by its path. */
export class InvalidInputError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(`${what} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidInputError';
  }
}

/** "agenda[2].proposals[0].patientsPerYear" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.startsWith('Invalid input')) {
        return /received undefined$/.test(issue.message) ? 'is required' : `expected ${article(issue.expected)}`;
      }
      return issue.message;
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      return issue.origin === 'array' ? `must have ${bound} items` : issue.origin === 'string' ? `must be ${bound} characters` : `must be ${bound}`;
    }
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Parses or throws InvalidInputError listing every problem as "path: message". */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return path ? `${path}: ${describe(issue)}` : describe(issue);
  });
  // One bad value can fail several checks with the same words (a link's scheme and its host): say it once.
  throw new InvalidInputError(what, [...new Set(problems)]);
}
