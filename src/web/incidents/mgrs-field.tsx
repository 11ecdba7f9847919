import { useTranslation } from 'react-i18next';
import { describedBy, FieldError, type ReportProblems } from './report-field-error.tsx';

interface Props {
  id: string;
  value: string;
  onChange: (v: string) => void;
  problems: ReportProblems;
  testId?: string;
}

/** An MGRS reference typed into a form, with the server's complaint about it (field `mgrs`) beneath. */
export function MgrsField({ id, value, onChange, problems, testId }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('report.mgrs')}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="38SME4465625337"
        maxLength={30}
        dir="ltr"
        aria-invalid={!!problems.mgrs}
        aria-describedby={describedBy(problems, 'mgrs')}
        data-testid={testId}
      />
      <FieldError problems={problems} name="mgrs" />
    </>
  );
}
