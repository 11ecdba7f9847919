import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../domain/roles.ts';
import { ApiError, api } from '../api/client.ts';
import type { IncidentRecord, Me, Page, SharingGroup } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../cop/time-window.ts';
import { DateTimeField } from './date-time-field.tsx';
import { typeCodes, typeLabel } from './incident-labels.ts';

type LocationMode = 'map' | 'mgrs' | 'place';

interface Props {
  me: Me;
  picking: boolean;
  pick: [number, number] | null;
  onStartPick: () => void;
  onCancelPick: () => void;
  onClearPick: () => void;
  onReported: (id: string) => void;
}

const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'];
const credibilities = ['1', '2', '3', '4', '5', '6'];

/** Reports an incident: where (a click on the map, an MGRS reference or a place name), when, what and who may see it. */
export function IncidentForm({ me, picking, pick, onStartPick, onCancelPick, onClearPick, onReported }: Props) {
  const { t } = useTranslation();
  const canReport = hasPermission(me.roles, 'incident:create');
  const [type, setType] = useState('');
  const [time, setTime] = useState(() => toLocalInput(new Date().toISOString()));
  const [mode, setMode] = useState<LocationMode>('map');
  const [mgrs, setMgrs] = useState('');
  const [place, setPlace] = useState('');
  const [narrative, setNarrative] = useState('');
  const [killed, setKilled] = useState(0);
  const [wounded, setWounded] = useState(0);
  const [forceKilled, setForceKilled] = useState(0);
  const [forceWounded, setForceWounded] = useState(0);
  const [reliability, setReliability] = useState('');
  const [credibility, setCredibility] = useState('');
  const [releasability, setReleasability] = useState('');
  const [tearline, setTearline] = useState('');
  const [tearlineSummary, setTearlineSummary] = useState('');
  const [groups, setGroups] = useState<SharingGroup[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<IncidentRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  // The confirmation shows where the user looks: the form scrolls back to its top, where it sits.
  useEffect(() => {
    if (done) {
      doneRef.current?.scrollIntoView({ block: 'nearest' });
      doneRef.current?.focus({ preventScroll: true });
    }
  }, [done]);

  useEffect(() => {
    api<Page<SharingGroup>>('/api/v1/sharing-groups')
      .then((p) => setGroups(p.items.filter((g) => g.members.includes(me.org))))
      .catch(() => setGroups([]));
  }, [me.org]);

  if (!canReport) return <p className="muted">{t('report.notAllowed')}</p>;

  function check(): Record<string, string> {
    const p: Record<string, string> = {};
    if (!type) p.type = t('report.needType');
    if (!fromLocalInput(time)) p.time = t('report.needTime');
    else if (Date.parse(fromLocalInput(time)!) > Date.now() + 5 * 60_000) p.time = t('report.futureTime');
    if (mode === 'map' && !pick) p.location = t('report.needPick');
    if (mode === 'mgrs' && !/^\s*\d{1,2}\s*[C-HJ-NP-X]\s*[A-HJ-NP-Z]{2}\s*(\d+\s*\d*)?\s*$/i.test(mgrs))
      p.mgrs = t('report.badMgrs');
    if (mode === 'place' && !place.trim()) p.place = t('report.needPlace');
    if ((reliability === '') !== (credibility === '')) p.grading = t('report.gradingBoth');
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setError(null);
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) return;
    const forces =
      forceKilled || forceWounded ? [{ org: me.org, killed: forceKilled, wounded: forceWounded, abducted: 0 }] : [];
    const body: Record<string, unknown> = {
      type,
      time: fromLocalInput(time),
      ...(mode === 'map' && pick ? { lon: pick[0], lat: pick[1] } : {}),
      ...(mode === 'mgrs' ? { mgrs: mgrs.replace(/\s+/g, '').toUpperCase() } : {}),
      ...(mode === 'place' ? { place: place.trim() } : {}),
      ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
      casualties: { forces, civilians: { killed, wounded, abducted: 0 } },
      ...(reliability ? { grading: `${reliability}${credibility}` } : {}),
      ...(releasability ? { releasability } : {}),
      ...(tearline
        ? {
            tearline: {
              releasability: tearline,
              ...(tearlineSummary.trim() ? { summary: tearlineSummary.trim() } : {}),
            },
          }
        : {}),
    };
    setBusy(true);
    try {
      const created = await api<IncidentRecord>('/api/v1/incidents', { method: 'POST', body });
      // The whole form starts afresh: nothing of this report is carried into the next one.
      setType('');
      setTime(toLocalInput(new Date().toISOString()));
      setMode('map');
      setMgrs('');
      setPlace('');
      setNarrative('');
      setKilled(0);
      setWounded(0);
      setForceKilled(0);
      setForceWounded(0);
      setReliability('');
      setCredibility('');
      setReleasability('');
      setTearline('');
      setTearlineSummary('');
      setProblems({});
      onClearPick();
      setDone(created);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        const byField: Record<string, string> = {};
        for (const i of err.issues) byField[i.field.replace(/^body[./]/, '').split(/[./]/)[0]] = i.reason;
        setProblems(byField);
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    problems[name] ? (
      <span className="field-error" id={`report-${name}-error`} role="alert">
        {problems[name]}
      </span>
    ) : null;
  const describedBy = (name: string) => (problems[name] ? `report-${name}-error` : undefined);

  return (
    <form className="report-form" onSubmit={submit} noValidate data-testid="report-form">
      <h2>{t('report.title')}</h2>
      {done && (
        <p className="success" role="status" tabIndex={-1} ref={doneRef} data-testid="report-result" data-id={done.id}>
          {t('report.done')}{' '}
          <button type="button" className="link" onClick={() => onReported(done.id)}>
            {t('report.open')}
          </button>
        </p>
      )}
      <label htmlFor="report-type">{t('report.type')}</label>
      <select
        id="report-type"
        value={type}
        onChange={(e) => setType(e.target.value)}
        aria-invalid={!!problems.type}
        aria-describedby={describedBy('type')}
      >
        <option value="">{t('report.chooseType')}</option>
        {typeCodes.map((c) => (
          <option key={c} value={c}>
            {typeLabel(t, c)}
          </option>
        ))}
      </select>
      {fieldError('type')}

      <label htmlFor="report-time">{t('report.time')}</label>
      <DateTimeField
        id="report-time"
        value={time}
        onChange={setTime}
        invalid={!!problems.time}
        describedBy={describedBy('time')}
      />
      {fieldError('time')}

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
                onChange={() => setMode(m)}
                data-testid={`location-${m}`}
              />
              {t(`report.by.${m}`)}
            </label>
          ))}
        </div>
        {mode === 'map' && (
          <div className="pick">
            <p data-testid="report-pick">
              {pick ? (
                <bdi dir="ltr">
                  {pick[1].toFixed(5)}, {pick[0].toFixed(5)}
                </bdi>
              ) : (
                t('report.noPick')
              )}
            </p>
            {picking ? (
              <button type="button" onClick={onCancelPick}>
                {t('report.cancelPick')}
              </button>
            ) : (
              <button type="button" onClick={onStartPick} data-testid="report-start-pick">
                {t('report.startPick')}
              </button>
            )}
            {picking && (
              <p className="notice" role="status">
                {t('report.pickHint')}
              </p>
            )}
            {fieldError('location')}
            {fieldError('lon')}
            {fieldError('lat')}
          </div>
        )}
        {mode === 'mgrs' && (
          <>
            <label htmlFor="report-mgrs">{t('report.mgrs')}</label>
            <input
              id="report-mgrs"
              value={mgrs}
              onChange={(e) => setMgrs(e.target.value)}
              placeholder="38SME4465625337"
              maxLength={30}
              dir="ltr"
              aria-invalid={!!problems.mgrs}
              aria-describedby={describedBy('mgrs')}
            />
            {fieldError('mgrs')}
          </>
        )}
        {mode === 'place' && (
          <>
            <label htmlFor="report-place">{t('report.place')}</label>
            <input
              id="report-place"
              value={place}
              onChange={(e) => setPlace(e.target.value)}
              maxLength={200}
              aria-invalid={!!problems.place}
              aria-describedby={describedBy('place')}
            />
            {fieldError('place')}
          </>
        )}
      </fieldset>

      <label htmlFor="report-narrative">{t('report.narrative')}</label>
      <textarea
        id="report-narrative"
        value={narrative}
        onChange={(e) => setNarrative(e.target.value)}
        maxLength={10000}
        rows={3}
      />

      <fieldset className="casualty-inputs">
        <legend>{t('report.casualties')}</legend>
        <NumberField id="report-civ-killed" label={t('report.civiliansKilled')} value={killed} onChange={setKilled} />
        <NumberField
          id="report-civ-wounded"
          label={t('report.civiliansWounded')}
          value={wounded}
          onChange={setWounded}
        />
        <NumberField
          id="report-force-killed"
          label={t('report.forcesKilled')}
          value={forceKilled}
          onChange={setForceKilled}
        />
        <NumberField
          id="report-force-wounded"
          label={t('report.forcesWounded')}
          value={forceWounded}
          onChange={setForceWounded}
        />
      </fieldset>

      <fieldset className="grading-inputs">
        <legend>{t('report.grading')}</legend>
        <label>
          {t('report.reliability')}
          <select value={reliability} onChange={(e) => setReliability(e.target.value)} id="report-reliability">
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
          <select value={credibility} onChange={(e) => setCredibility(e.target.value)} id="report-credibility">
            <option value="">—</option>
            {credibilities.map((c) => (
              <option key={c} value={c}>
                {c} — {t(`grading.credibility.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {fieldError('grading')}
      </fieldset>

      <label htmlFor="report-releasability">{t('report.releasability')}</label>
      <select
        id="report-releasability"
        value={releasability}
        onChange={(e) => setReleasability(e.target.value)}
        data-testid="report-releasability"
      >
        <option value="">{t('report.defaultReleasability')}</option>
        <option value="org">
          {t('releasability.org', { org: t(`orgs.${me.org}`, { defaultValue: me.org.toUpperCase() }) })}
        </option>
        <option value="partners">{t('releasability.partners')}</option>
        <option value="coalition">{t('releasability.coalition')}</option>
        {groups.map((g) => (
          <option key={g.name} value={`group:${g.name}`}>
            {t('releasability.group', { name: g.name })}
          </option>
        ))}
      </select>
      {fieldError('releasability')}

      <label htmlFor="report-tearline">{t('report.tearline')}</label>
      <select id="report-tearline" value={tearline} onChange={(e) => setTearline(e.target.value)}>
        <option value="">{t('report.noTearline')}</option>
        <option value="partners">{t('releasability.partners')}</option>
        <option value="coalition">{t('releasability.coalition')}</option>
      </select>
      {tearline && (
        <>
          <label htmlFor="report-tearline-summary">{t('report.tearlineSummary')}</label>
          <input
            id="report-tearline-summary"
            value={tearlineSummary}
            onChange={(e) => setTearlineSummary(e.target.value)}
            maxLength={500}
          />
        </>
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="report-submit">
        {busy ? t('report.sending') : t('report.submit')}
      </button>
    </form>
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
