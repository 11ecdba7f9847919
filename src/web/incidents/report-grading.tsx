import { useTranslation } from 'react-i18next';
import { FieldError, type ReportProblems } from './report-field-error.tsx';

const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'];
const credibilities = ['1', '2', '3', '4', '5', '6'];

/** The source grading of a report: the Admiralty code's reliability and credibility, both or neither. */
export function ReportGrading({
  reliability,
  onReliability,
  credibility,
  onCredibility,
  problems,
}: {
  reliability: string;
  onReliability: (v: string) => void;
  credibility: string;
  onCredibility: (v: string) => void;
  problems: ReportProblems;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="grading-inputs">
      <legend>{t('report.grading')}</legend>
      <label>
        {t('report.reliability')}
        <select value={reliability} onChange={(e) => onReliability(e.target.value)} id="report-reliability">
          <option value="">—</option>
          {reliabilities.map((r) => (
            <option key={r} value={r}>
              {r} — {t(`grading.reliability.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('report.credibility')}
        <select value={credibility} onChange={(e) => onCredibility(e.target.value)} id="report-credibility">
          <option value="">—</option>
          {credibilities.map((c) => (
            <option key={c} value={c}>
              {c} — {t(`grading.credibility.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <FieldError problems={problems} name="grading" />
    </fieldset>
  );
}
