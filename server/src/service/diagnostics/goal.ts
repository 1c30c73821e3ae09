// The work's Goal line (`Goal: 50,000 by 2026-11-30`): a target the progress figures can
// read, and a deadline that is a real date.

import { parseGoal } from '../header/goal';
import { quote, valueSlice, type Finding, type RuleContext } from './context';

export function goalRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.fields('Goal')) {
    if (field.value.trim() === '') continue; // empty-field says so
    const parsed = parseGoal(field.value);
    if ('goal' in parsed) continue;
    const problem = parsed.problem;
    findings.push(
      problem.kind === 'no-number'
        ? {
            code: 'goal-format',
            range: field.valueRange,
            message: `Goal ${quote(field.value)} has no number: write the target and, if you like, a date, such as '50,000 by 2026-11-30'.`,
          }
        : {
            code: 'goal-format',
            range: valueSlice(ctx.doc, field, problem.start, problem.end),
            message: `${quote(problem.text)} is not a date the progress view can read: write it as year-month-day, such as '2026-11-30'.`,
          },
    );
  }
  return findings;
}
