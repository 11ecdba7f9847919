import { useTranslation } from 'react-i18next';

/** Casualties as the reporter counts them: civilians, and the reporter's own forces. */
export interface CasualtyCounts {
  killed: number;
  wounded: number;
  forceKilled: number;
  forceWounded: number;
}

/** The casualty counts of a report: civilians and the reporting organisation's forces, killed and wounded. */
export function ReportCasualties({
  value,
  onChange,
}: {
  value: CasualtyCounts;
  onChange: (next: CasualtyCounts) => void;
}) {
  const { t } = useTranslation();
  const set = (field: keyof CasualtyCounts) => (n: number) => onChange({ ...value, [field]: n });
  return (
    <fieldset className="casualty-inputs">
      <legend>{t('report.casualties')}</legend>
      <NumberField
        id="report-civ-killed"
        label={t('report.civiliansKilled')}
        value={value.killed}
        onChange={set('killed')}
      />
      <NumberField
        id="report-civ-wounded"
        label={t('report.civiliansWounded')}
        value={value.wounded}
        onChange={set('wounded')}
      />
      <NumberField
        id="report-force-killed"
        label={t('report.forcesKilled')}
        value={value.forceKilled}
        onChange={set('forceKilled')}
      />
      <NumberField
        id="report-force-wounded"
        label={t('report.forcesWounded')}
        value={value.forceWounded}
        onChange={set('forceWounded')}
      />
    </fieldset>
  );
}

function NumberField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <label htmlFor={id}>
      {label}
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={10000}
        step={1}
        value={value}
        onChange={(e) => onChange(Math.max(0, Math.min(10000, Math.floor(Number(e.target.value) || 0))))}
      />
    </label>
  );
}
