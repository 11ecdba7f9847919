import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../domain/roles.ts';
import { ApiError, api } from '../api/client.ts';
import type { IncidentRecord, Me } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../cop/time-window.ts';
import { DateTimeField } from './date-time-field.tsx';
import { typeCodes, typeLabel } from './incident-labels.ts';
import { type CasualtyCounts, ReportCasualties } from './report-casualties.tsx';
import { describedBy, FieldError, type ReportProblems } from './report-field-error.tsx';
import { ReportGrading } from './report-grading.tsx';
import { type LocationMode, ReportLocation } from './report-location.tsx';
import { ReportSharing } from './report-sharing.tsx';

interface Props {
  me: Me;
  picking: boolean;
  pick: [number, number] | null;
  onStartPick: () => void;
  onCancelPick: () => void;
  onClearPick: () => void;
  onReported: (id: string) => void;
}

const noCasualties: CasualtyCounts = { killed: 0, wounded: 0, forceKilled: 0, forceWounded: 0 };

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
  const [casualties, setCasualties] = useState<CasualtyCounts>(noCasualties);
  const [reliability, setReliability] = useState('');
  const [credibility, setCredibility] = useState('');
  const [releasability, setReleasability] = useState('');
  const [tearline, setTearline] = useState('');
  const [tearlineSummary, setTearlineSummary] = useState('');
  const [problems, setProblems] = useState<ReportProblems>({});
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

  if (!canReport) return <p className="muted">{t('report.notAllowed')}</p>;

  function check(): ReportProblems {
    const p: ReportProblems = {};
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
    const { killed, wounded, forceKilled, forceWounded } = casualties;
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
      setCasualties(noCasualties);
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
        const byField: ReportProblems = {};
        for (const i of err.issues) byField[i.field.replace(/^body[./]/, '').split(/[./]/)[0]] = i.reason;
        setProblems(byField);
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  }

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
        aria-describedby={describedBy(problems, 'type')}
      >
        <option value="">{t('report.chooseType')}</option>
        {typeCodes.map((c) => (
          <option key={c} value={c}>
            {typeLabel(t, c)}
          </option>
        ))}
      </select>
      <FieldError problems={problems} name="type" />

      <label htmlFor="report-time">{t('report.time')}</label>
      <DateTimeField
        id="report-time"
        value={time}
        onChange={setTime}
        invalid={!!problems.time}
        describedBy={describedBy(problems, 'time')}
      />
      <FieldError problems={problems} name="time" />

      <ReportLocation
        mode={mode}
        onMode={setMode}
        mgrs={mgrs}
        onMgrs={setMgrs}
        place={place}
        onPlace={setPlace}
        picking={picking}
        pick={pick}
        onStartPick={onStartPick}
        onCancelPick={onCancelPick}
        problems={problems}
      />

      <label htmlFor="report-narrative">{t('report.narrative')}</label>
      <textarea
        id="report-narrative"
        value={narrative}
        onChange={(e) => setNarrative(e.target.value)}
        maxLength={10000}
        rows={3}
      />

      <ReportCasualties value={casualties} onChange={setCasualties} />

      <ReportGrading
        reliability={reliability}
        onReliability={setReliability}
        credibility={credibility}
        onCredibility={setCredibility}
        problems={problems}
      />

      <ReportSharing
        org={me.org}
        releasability={releasability}
        onReleasability={setReleasability}
        tearline={tearline}
        onTearline={setTearline}
        tearlineSummary={tearlineSummary}
        onTearlineSummary={setTearlineSummary}
        problems={problems}
      />

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
