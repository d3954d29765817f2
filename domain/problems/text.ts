/**
 * The shape of a rule text: one entry per rule, both languages side by side, each a function of the
 * rule's parameters (the values a page fills in: a date, a count, a name). Pure TypeScript: the
 * workflow bundle renders the English text from the same entry.
 */
/** What a rule text may be filled in with: plain values, so they travel in a failure's details. */
export type ProblemParams = Record<string, string | number>;

export interface ProblemText<P extends ProblemParams> {
  nl: (params: P) => string;
  en: (params: P) => string;
}

/** One rule's text in both languages; `P` names the parameters it needs. */
export const text = <P extends ProblemParams = Record<never, never>>(
  nl: (params: P) => string,
  en: (params: P) => string,
): ProblemText<P> => ({ nl, en });
