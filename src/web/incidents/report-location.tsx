import { useTranslation } from 'react-i18next';
import { MapPick } from '../map/map-pick.tsx';
import { MgrsField } from './mgrs-field.tsx';
import { describedBy, FieldError, type ReportProblems } from './report-field-error.tsx';

export type LocationMode = 'map' | 'mgrs' | 'place';

interface Props {
  mode: LocationMode;
  onMode: (m: LocationMode) => void;
  mgrs: string;
  onMgrs: (v: string) => void;
  place: string;
  onPlace: (v: string) => void;
  picking: boolean;
  pick: [number, number] | null;
  onStartPick: () => void;
  onCancelPick: () => void;
  problems: ReportProblems;
}

/** Where the incident happened: a click on the map, an MGRS reference or a place name. */
export function ReportLocation({
  mode,
  onMode,
  mgrs,
  onMgrs,
  place,
  onPlace,
  picking,
  pick,
  onStartPick,
  onCancelPick,
  problems,
}: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="location">
      <legend>{t('report.location')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('report.location')}>
        {(['map', 'mgrs', 'place'] as const).map((m) => (
          <label key={m} className={mode === m ? 'active' : ''}>
            <input
              type="radio"
              name="location-mode"
              value={m}
              checked={mode === m}
              onChange={() => onMode(m)}
              data-testid={`location-${m}`}
            />
            {t(`report.by.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'map' && (
        <MapPick
          pick={pick}
          picking={picking}
          onStartPick={onStartPick}
          onCancelPick={onCancelPick}
          testIdPrefix="report"
          hint={t('report.pickHint')}
        >
          <FieldError problems={problems} name="location" />
          <FieldError problems={problems} name="lon" />
          <FieldError problems={problems} name="lat" />
        </MapPick>
      )}
      {mode === 'mgrs' && <MgrsField id="report-mgrs" value={mgrs} onChange={onMgrs} problems={problems} />}
      {mode === 'place' && (
        <>
          <label htmlFor="report-place">{t('report.place')}</label>
          <input
            id="report-place"
            value={place}
            onChange={(e) => onPlace(e.target.value)}
            maxLength={200}
            aria-invalid={!!problems.place}
            aria-describedby={describedBy(problems, 'place')}
          />
          <FieldError problems={problems} name="place" />
        </>
      )}
    </fieldset>
  );
}
