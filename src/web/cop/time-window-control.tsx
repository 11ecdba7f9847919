import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, presetWindow, type TimeWindow, toLocalInput, windowPresets } from './time-window.ts';

/** Which span of time the picture shows: the last day, week, month or quarter, or chosen dates. */
export function TimeWindowControl({ value, onChange }: { value: TimeWindow; onChange: (w: TimeWindow) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(toLocalInput(value.from));
  const [to, setTo] = useState(toLocalInput(value.to));
  const [problem, setProblem] = useState<string | null>(null);

  function applyCustom() {
    const f = fromLocalInput(from);
    const e = fromLocalInput(to);
    if (!f || !e) return setProblem(t('window.missing'));
    if (f >= e) return setProblem(t('window.order'));
    setProblem(null);
    onChange({ preset: 'custom', from: f, to: e });
  }

  return (
    <fieldset className="time-window" data-testid="time-window">
      <legend>{t('window.label')}</legend>
      <div className="segmented">
        {windowPresets.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={value.preset === p}
            className={value.preset === p ? 'active' : ''}
            onClick={() => {
              const w = presetWindow(p);
              setFrom(toLocalInput(w.from));
              setTo(toLocalInput(w.to));
              onChange(w);
            }}
            data-testid={`window-${p}`}
          >
            {t(`window.${p}`)}
          </button>
        ))}
      </div>
      <details open={value.preset === 'custom'}>
        <summary>{t('window.custom')}</summary>
        <div className="custom-window">
          <label>
            {t('window.from')}
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('window.to')}
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="button" onClick={applyCustom}>
            {t('window.apply')}
          </button>
        </div>
      </details>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
