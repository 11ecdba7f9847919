import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import type { Me, Organisation } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../cop/time-window.ts';
import { useFormat } from '../i18n/format.ts';
import { DateTimeField } from '../incidents/date-time-field.tsx';
import { describedBy, FieldError, type ReportProblems } from '../incidents/report-field-error.tsx';
import { ReportSharing } from '../incidents/report-sharing.tsx';
import { useNames } from '../reference/names.tsx';
import { type ActivityRecord, activityKinds, isNotice, type SeenActivity } from './activity-types.ts';
import { ConflictList, kindLabel } from './conflict-list.tsx';
import { type AreaDraft, areaBody, emptyArea, neededPoints, positionsOf } from './plan-area.ts';
import { PlanAreaFields, type PlanDrawing } from './plan-area-fields.tsx';

interface Props {
  me: Me;
  orgs: readonly Organisation[];
  points: Array<[number, number]>;
  onPoints: (p: Array<[number, number]>) => void;
  drawing: PlanDrawing;
  onDrawing: (d: PlanDrawing) => void;
  /** The area as the form holds it, for the map to draw (and the checked area once the server has placed it). */
  onDraft: (a: AreaDraft, checked: ActivityRecord['area'] | null) => void;
  onSent: (id: string) => void;
}

const hourMs = 3_600_000;
const nextHour = (plusHours: number) => new Date((Math.floor(Date.now() / hourMs) + plusHours) * hourMs).toISOString();
const pad = (n: number) => String(n).padStart(2, '0');

/** The local date `days` after a local `YYYY-MM-DDTHH:mm`, as `YYYY-MM-DD`. */
function dayAfter(local: string, days: number): string {
  const [y, m, d] = local.slice(0, 10).split('-').map(Number);
  const date = new Date(y, m - 1, d + days);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Plans an activity: what, who, where, when and who may see it; checks its conflicts, then sends it. */
export function PlanForm({ me, orgs, points, onPoints, drawing, onDrawing, onDraft, onSent }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const [kind, setKind] = useState('patrol');
  const [unit, setUnit] = useState('');
  const [joint, setJoint] = useState<string[]>([]);
  const [fields, setFields] = useState<AreaDraft>(emptyArea);
  const [start, setStart] = useState(() => toLocalInput(nextHour(3)));
  const [end, setEnd] = useState(() => toLocalInput(nextHour(7)));
  const [repeat, setRepeat] = useState(false);
  const [repeatDays, setRepeatDays] = useState('6');
  const [contact, setContact] = useState('');
  const [releasability, setReleasability] = useState('');
  const [tearline, setTearline] = useState('');
  const [tearlineSummary, setTearlineSummary] = useState('');
  const [problems, setProblems] = useState<ReportProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ActivityRecord | null>(null);
  const [busy, setBusy] = useState<'check' | 'send' | null>(null);
  const previewRef = useRef<HTMLElement>(null);
  // The conflicts show where the user looks, with the button that sends the plan.
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView({ block: 'nearest' });
  }, [preview]);

  const area: AreaDraft = { ...fields, points };
  const plan = JSON.stringify([
    kind,
    unit,
    joint,
    area,
    start,
    end,
    repeat,
    repeatDays,
    contact,
    releasability,
    tearline,
    tearlineSummary,
  ]);
  // Any change to the plan makes the checked conflicts stale: they are checked again before it is sent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `plan` stands for every field of the plan
  useEffect(() => setPreview(null), [plan]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `plan` stands for the area's fields
  useEffect(() => onDraft(area, preview?.area ?? null), [plan, preview, onDraft]);

  function check(): ReportProblems {
    const p: ReportProblems = {};
    if (!unit.trim()) p.unit = t('plan.needUnit');
    const { positions, bad } = positionsOf(area);
    if (bad.length)
      p.typed = t('plan.badLines', { lines: bad.map((n) => fmt.number(n)).join(t('common.listSeparator')) });
    else if (positions.length < neededPoints[area.shape])
      p.area = t(`plan.needPoints.${area.shape}`, { n: fmt.number(neededPoints[area.shape]) });
    if (area.shape === 'point' && !(Number(area.radiusKm) > 0 && Number(area.radiusKm) <= 50))
      p.radius = t('plan.badRadius');
    if (area.shape === 'route' && !(Number(area.bufferKm) > 0 && Number(area.bufferKm) <= 25))
      p.buffer = t('plan.badBuffer');
    const s = fromLocalInput(start);
    const e = fromLocalInput(end);
    if (!s) p.start = t('plan.needStart');
    if (!e) p.end = t('plan.needEnd');
    else if (s && Date.parse(e) <= Date.parse(s)) p.end = t('plan.endBeforeStart');
    if (repeat && !(Number.isInteger(Number(repeatDays)) && Number(repeatDays) >= 1 && Number(repeatDays) <= 90))
      p.recurrence = t('plan.badRepeat');
    return p;
  }

  function body(): Record<string, unknown> {
    return {
      kind,
      unit: unit.trim(),
      ...(joint.length ? { owner_orgs: [me.org, ...joint] } : {}),
      area: areaBody(area),
      start: fromLocalInput(start),
      end: fromLocalInput(end),
      ...(repeat ? { recurrence: { until: dayAfter(start, Number(repeatDays)) } } : {}),
      ...(contact.trim() ? { contact: contact.trim() } : {}),
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
  }

  function refused(err: unknown) {
    if (err instanceof ApiError) {
      setError(err.message);
      const byField: ReportProblems = {};
      for (const i of err.issues) {
        const [top, next] = i.field.replace(/^body[./]/, '').split(/[./]/);
        const field =
          top === 'area'
            ? next === 'radius_km'
              ? 'radius'
              : next === 'buffer_km'
                ? 'buffer'
                : 'area'
            : top === 'recurrence'
              ? 'recurrence'
              : top;
        byField[field] = i.reason;
      }
      setProblems(byField);
    } else setError(String(err));
  }

  async function checkConflicts(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) return;
    onDrawing(null);
    setBusy('check');
    try {
      const seen = await api<SeenActivity>('/api/v1/activities/deconflict', { method: 'POST', body: body() });
      if (!isNotice(seen)) setPreview(seen);
    } catch (err) {
      refused(err);
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setError(null);
    setBusy('send');
    try {
      const draft = await api<ActivityRecord>('/api/v1/activities', { method: 'POST', body: body() });
      const sent = await api<ActivityRecord>(`/api/v1/activities/${draft.id}/notify`, { method: 'POST', body: {} });
      setUnit('');
      setJoint([]);
      setFields(emptyArea);
      onPoints([]);
      setContact('');
      setRepeat(false);
      setProblems({});
      onSent(sent.id);
    } catch (err) {
      refused(err);
    } finally {
      setBusy(null);
    }
  }

  const partners = orgs.filter((o) => o.code !== me.org);
  const notified = preview?.notifications.filter((n) => !preview.owner_orgs.includes(n.org ?? '')) ?? [];

  return (
    <form className="report-form plan-form" onSubmit={checkConflicts} noValidate data-testid="plan-form">
      <h2>{t('plan.title')}</h2>
      <label htmlFor="plan-kind">{t('plan.kind')}</label>
      <select id="plan-kind" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="plan-kind">
        {activityKinds.map((k) => (
          <option key={k} value={k}>
            {kindLabel(t, k)}
          </option>
        ))}
      </select>

      <label htmlFor="plan-unit">{t('plan.unit')}</label>
      <input
        id="plan-unit"
        value={unit}
        onChange={(e) => setUnit(e.target.value)}
        maxLength={200}
        aria-invalid={!!problems.unit}
        aria-describedby={describedBy(problems, 'unit')}
        data-testid="plan-unit"
      />
      <FieldError problems={problems} name="unit" />

      {partners.length > 0 && (
        <fieldset className="plan-joint">
          <legend>{t('plan.jointWith')}</legend>
          {partners.map((o) => (
            <label key={o.code} className="check">
              <input
                type="checkbox"
                checked={joint.includes(o.code)}
                onChange={() => setJoint((j) => (j.includes(o.code) ? j.filter((x) => x !== o.code) : [...j, o.code]))}
                data-testid={`plan-joint-${o.code}`}
              />
              {names.org(o.code)}
            </label>
          ))}
          <FieldError problems={problems} name="owner_orgs" />
        </fieldset>
      )}

      <PlanAreaFields
        area={area}
        onArea={(a) => setFields({ ...a, points: [] })}
        drawing={drawing}
        onDrawing={onDrawing}
        onPoints={onPoints}
        problems={problems}
      />

      <label htmlFor="plan-start">{t('plan.start')}</label>
      <DateTimeField
        id="plan-start"
        value={start}
        onChange={setStart}
        invalid={!!problems.start}
        describedBy={describedBy(problems, 'start')}
        yearsBack={0}
        yearsAhead={1}
      />
      <FieldError problems={problems} name="start" />
      <label htmlFor="plan-end">{t('plan.end')}</label>
      <DateTimeField
        id="plan-end"
        value={end}
        onChange={setEnd}
        invalid={!!problems.end}
        describedBy={describedBy(problems, 'end')}
        yearsBack={0}
        yearsAhead={1}
      />
      <FieldError problems={problems} name="end" />
      <label className="check">
        <input type="checkbox" checked={repeat} onChange={() => setRepeat((r) => !r)} data-testid="plan-repeat" />
        {t('plan.repeatDaily')}
      </label>
      {repeat && (
        <>
          <label htmlFor="plan-repeat-days">{t('plan.repeatDays')}</label>
          <input
            id="plan-repeat-days"
            type="number"
            min={1}
            max={90}
            value={repeatDays}
            onChange={(e) => setRepeatDays(e.target.value)}
            dir="ltr"
            aria-invalid={!!problems.recurrence}
            aria-describedby={describedBy(problems, 'recurrence')}
          />
          <FieldError problems={problems} name="recurrence" />
        </>
      )}

      <label htmlFor="plan-contact">{t('plan.contact')}</label>
      <input
        id="plan-contact"
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        maxLength={200}
        data-testid="plan-contact"
      />
      <FieldError problems={problems} name="contact" />

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
      <button type="submit" className={preview ? '' : 'primary'} disabled={busy !== null} data-testid="plan-check">
        {busy === 'check' ? t('plan.checking') : t('plan.check')}
      </button>

      {preview && (
        <section className="plan-preview" data-testid="plan-preview" aria-live="polite" ref={previewRef}>
          <h3>{t('plan.conflictsTitle')}</h3>
          <ConflictList conflicts={preview.conflicts} omitted={preview.conflicts_omitted} />
          <p data-testid="plan-will-notify">
            {notified.length
              ? t('plan.willNotify', {
                  orgs: notified
                    .map((n) => (n.org ? names.org(n.org) : t('common.unknown')))
                    .join(t('common.listSeparator')),
                })
              : t('plan.notifiesNobody')}
          </p>
          <button type="button" className="primary" onClick={send} disabled={busy !== null} data-testid="plan-send">
            {busy === 'send' ? t('plan.sending') : t('plan.send')}
          </button>
        </section>
      )}
    </form>
  );
}
