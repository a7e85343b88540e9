/** Counts per `<ruleId> <messageId>`, then per key (see RuleContext.tally). */
export type Tallies = Record<string, Record<string, number>>;

export function addTallies(into: Tallies, from: Readonly<Tallies> | undefined): void {
  if (!from) return;
  for (const [note, counts] of Object.entries(from)) {
    const target = (into[note] ??= {});
    for (const [key, count] of Object.entries(counts)) target[key] = (target[key] ?? 0) + count;
  }
}
