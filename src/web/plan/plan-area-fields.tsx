import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { describedBy, FieldError, type ReportProblems } from '../incidents/report-field-error.tsx';
import { type AreaDraft, type AreaEntry, type AreaShape, neededPoints } from './plan-area.ts';

/** How the map takes clicks for the plan: one point (then it stops), many (a route or outline), or none. */
export type PlanDrawing = 'one' | 'many' | null;

interface Props {
  area: AreaDraft;
  onArea: (a: AreaDraft) => void;
  drawing: PlanDrawing;
  onDrawing: (d: PlanDrawing) => void;
  onPoints: (p: Array<[number, number]>) => void;
  problems: ReportProblems;
}

/** Where the activity takes place: a point with a radius, a route with a buffer or an outline, drawn on the map or typed. */
export function PlanAreaFields({ area, onArea, drawing, onDrawing, onPoints, problems }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const set = (patch: Partial<AreaDraft>) => onArea({ ...area, ...patch });
  const setShape = (shape: AreaShape) => {
    onDrawing(null);
    onPoints(shape === 'point' ? area.points.slice(0, 1) : area.points);
    set({ shape });
  };
  const setEntry = (entry: AreaEntry) => {
    onDrawing(null);
    set({ entry });
  };
  const many = area.shape !== 'point';
  return (
    <fieldset className="location plan-area">
      <legend>{t('plan.area')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('plan.shape')}>
        {(['point', 'route', 'polygon'] as const).map((s) => (
          <label key={s} className={area.shape === s ? 'active' : ''}>
            <input
              type="radio"
              name="plan-shape"
              value={s}
              checked={area.shape === s}
              onChange={() => setShape(s)}
              data-testid={`plan-shape-${s}`}
            />
            {t(`plan.shapes.${s}`)}
          </label>
        ))}
      </div>
      <div className="segmented" role="radiogroup" aria-label={t('plan.entry')}>
        {(['map', 'typed'] as const).map((e) => (
          <label key={e} className={area.entry === e ? 'active' : ''}>
            <input
              type="radio"
              name="plan-entry"
              value={e}
              checked={area.entry === e}
              onChange={() => setEntry(e)}
              data-testid={`plan-entry-${e}`}
            />
            {t(`plan.entries.${e}`)}
          </label>
        ))}
      </div>
      {area.entry === 'map' ? (
        <div className="pick">
          <p data-testid="plan-points" data-count={area.points.length}>
            {area.points.length === 0
              ? t('plan.noPoints')
              : t('plan.pointCount', { n: fmt.number(area.points.length) })}
          </p>
          {area.points.length > 0 && (
            <ol className="plan-point-list">
              {area.points.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the points are an ordered list; their place is their identity
                <li key={i}>
                  <bdi dir="ltr">
                    {p[1].toFixed(5)}, {p[0].toFixed(5)}
                  </bdi>
                </li>
              ))}
            </ol>
          )}
          <div className="button-row">
            {drawing ? (
              <button type="button" onClick={() => onDrawing(null)} data-testid="plan-stop-draw">
                {t('plan.stopDraw')}
              </button>
            ) : (
              <button type="button" onClick={() => onDrawing(many ? 'many' : 'one')} data-testid="plan-start-draw">
                {t(many ? 'plan.startDraw' : 'plan.startPick')}
              </button>
            )}
            {many && area.points.length > 0 && (
              <button type="button" onClick={() => onPoints(area.points.slice(0, -1))} data-testid="plan-undo-point">
                {t('plan.undoPoint')}
              </button>
            )}
            {area.points.length > 0 && (
              <button type="button" onClick={() => onPoints([])}>
                {t('plan.clearPoints')}
              </button>
            )}
          </div>
          {drawing && (
            <p className="notice" role="status">
              {t(many ? 'plan.drawHint' : 'plan.pickHint', { n: fmt.number(neededPoints[area.shape]) })}
            </p>
          )}
        </div>
      ) : (
        <>
          <label htmlFor="plan-typed">{t(many ? 'plan.typedMany' : 'plan.typedOne')}</label>
          <textarea
            id="plan-typed"
            value={area.typed}
            onChange={(e) => set({ typed: e.target.value })}
            rows={many ? 4 : 1}
            dir="ltr"
            placeholder={many ? '44.10, 35.40\n44.20, 35.45\n38SME4465625337' : '44.10, 35.40'}
            aria-invalid={!!problems.typed}
            aria-describedby={describedBy(problems, 'typed')}
            data-testid="plan-typed"
          />
          <span className="hint">{t('plan.typedHint')}</span>
          <FieldError problems={problems} name="typed" />
        </>
      )}
      <FieldError problems={problems} name="area" />
      {area.shape === 'point' && (
        <>
          <label htmlFor="plan-radius">{t('plan.radius')}</label>
          <input
            id="plan-radius"
            type="number"
            min={0.1}
            max={50}
            step={0.1}
            value={area.radiusKm}
            onChange={(e) => set({ radiusKm: e.target.value })}
            dir="ltr"
            aria-invalid={!!problems.radius}
            aria-describedby={describedBy(problems, 'radius')}
            data-testid="plan-radius"
          />
          <FieldError problems={problems} name="radius" />
        </>
      )}
      {area.shape === 'route' && (
        <>
          <label htmlFor="plan-buffer">{t('plan.buffer')}</label>
          <input
            id="plan-buffer"
            type="number"
            min={0.1}
            max={25}
            step={0.1}
            value={area.bufferKm}
            onChange={(e) => set({ bufferKm: e.target.value })}
            dir="ltr"
            aria-invalid={!!problems.buffer}
            aria-describedby={describedBy(problems, 'buffer')}
            data-testid="plan-buffer"
          />
          <FieldError problems={problems} name="buffer" />
        </>
      )}
    </fieldset>
  );
}
