/** What the report form found wrong, by field (`location`, `mgrs`, `grading`…), as the reader is told it. */
export type ReportProblems = Record<string, string>;

/** The message under a field the form or the server refused, read out when it appears. */
export function FieldError({ problems, name }: { problems: ReportProblems; name: string }) {
  return problems[name] ? (
    <span className="field-error" id={`report-${name}-error`} role="alert">
      {problems[name]}
    </span>
  ) : null;
}

/** The `aria-describedby` of a field: its error message, when it has one. */
export function describedBy(problems: ReportProblems, name: string): string | undefined {
  return problems[name] ? `report-${name}-error` : undefined;
}
