import { useTranslation } from 'react-i18next';
import { medevacEquipment, medevacMarking, medevacNbc, medevacSecurity } from '../../domain/support-request.ts';
import { FieldError, type ReportProblems } from '../incidents/report-field-error.tsx';

const precedence = ['urgent', 'urgent_surgical', 'priority', 'routine', 'convenience'] as const;
const status = ['own_military', 'own_civilian', 'partner_military', 'partner_civilian', 'detainee'] as const;

/** The MEDEVAC 9-line fields as the form keeps them (line 1 is the request's location). */
export interface MedevacValue {
  frequency: string;
  call_sign: string;
  patients_by_precedence: Record<(typeof precedence)[number], number>;
  equipment: Array<(typeof medevacEquipment)[number]>;
  litter: number;
  ambulatory: number;
  security: (typeof medevacSecurity)[number];
  marking: (typeof medevacMarking)[number];
  patients_by_status: Record<(typeof status)[number], number>;
  nbc: (typeof medevacNbc)[number];
  terrain: string;
}

export const emptyMedevac: MedevacValue = {
  frequency: '',
  call_sign: '',
  patients_by_precedence: { urgent: 0, urgent_surgical: 0, priority: 0, routine: 0, convenience: 0 },
  equipment: ['none'],
  litter: 0,
  ambulatory: 0,
  security: 'no_enemy',
  marking: 'panels',
  patients_by_status: { own_military: 0, own_civilian: 0, partner_military: 0, partner_civilian: 0, detainee: 0 },
  nbc: 'none',
  terrain: '',
};

const count = (v: string) => Math.max(0, Math.min(99, Math.trunc(Number(v) || 0)));

/** Lines 2 to 9 of a MEDEVAC request. */
export function MedevacFields({
  value,
  onChange,
  problems,
}: {
  value: MedevacValue;
  onChange: (v: MedevacValue) => void;
  problems: ReportProblems;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<MedevacValue>) => onChange({ ...value, ...patch });
  const number = (id: string, label: string, n: number, on: (n: number) => void) => (
    <label key={id} className="count-field" htmlFor={id}>
      <span>{label}</span>
      <input id={id} type="number" min={0} max={99} value={n} onChange={(e) => on(count(e.target.value))} dir="ltr" />
    </label>
  );
  const toggleEquipment = (e: (typeof medevacEquipment)[number]) => {
    const has = value.equipment.includes(e);
    const others = value.equipment.filter((x) => x !== 'none' && x !== e);
    const next = e === 'none' ? ['none' as const] : has ? others : [...others, e];
    set({ equipment: next.length ? next : ['none'] });
  };
  return (
    <fieldset className="medevac-fields" data-testid="medevac-fields">
      <legend>{t('requests.medevac.title')}</legend>
      <label htmlFor="medevac-frequency">{t('requests.medevac.frequency')}</label>
      <input
        id="medevac-frequency"
        value={value.frequency}
        onChange={(e) => set({ frequency: e.target.value })}
        maxLength={40}
        dir="ltr"
      />
      <label htmlFor="medevac-call-sign">{t('requests.medevac.callSign')}</label>
      <input
        id="medevac-call-sign"
        value={value.call_sign}
        onChange={(e) => set({ call_sign: e.target.value })}
        maxLength={40}
        dir="ltr"
      />
      <FieldError problems={problems} name="medevac" />
      <fieldset className="counts">
        <legend>{t('requests.medevac.line3')}</legend>
        {precedence.map((k) =>
          number(
            `medevac-precedence-${k}`,
            t(`requests.medevac.precedence.${k}`),
            value.patients_by_precedence[k],
            (n) => set({ patients_by_precedence: { ...value.patients_by_precedence, [k]: n } }),
          ),
        )}
      </fieldset>
      <fieldset className="counts">
        <legend>{t('requests.medevac.line4')}</legend>
        {medevacEquipment.map((e) => (
          <label key={e} className="check">
            <input
              type="checkbox"
              checked={value.equipment.includes(e)}
              onChange={() => toggleEquipment(e)}
              data-testid={`medevac-equipment-${e}`}
            />
            {t(`requests.medevac.equipment.${e}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="counts">
        <legend>{t('requests.medevac.line5')}</legend>
        {number('medevac-litter', t('requests.medevac.litter'), value.litter, (n) => set({ litter: n }))}
        {number('medevac-ambulatory', t('requests.medevac.ambulatory'), value.ambulatory, (n) =>
          set({ ambulatory: n }),
        )}
      </fieldset>
      <label htmlFor="medevac-security">{t('requests.medevac.line6')}</label>
      <select
        id="medevac-security"
        value={value.security}
        onChange={(e) => set({ security: e.target.value as MedevacValue['security'] })}
      >
        {medevacSecurity.map((s) => (
          <option key={s} value={s}>
            {t(`requests.medevac.security.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor="medevac-marking">{t('requests.medevac.line7')}</label>
      <select
        id="medevac-marking"
        value={value.marking}
        onChange={(e) => set({ marking: e.target.value as MedevacValue['marking'] })}
      >
        {medevacMarking.map((s) => (
          <option key={s} value={s}>
            {t(`requests.medevac.marking.${s}`)}
          </option>
        ))}
      </select>
      <fieldset className="counts">
        <legend>{t('requests.medevac.line8')}</legend>
        {status.map((k) =>
          number(`medevac-status-${k}`, t(`requests.medevac.status.${k}`), value.patients_by_status[k], (n) =>
            set({ patients_by_status: { ...value.patients_by_status, [k]: n } }),
          ),
        )}
      </fieldset>
      <label htmlFor="medevac-nbc">{t('requests.medevac.line9')}</label>
      <select id="medevac-nbc" value={value.nbc} onChange={(e) => set({ nbc: e.target.value as MedevacValue['nbc'] })}>
        {medevacNbc.map((s) => (
          <option key={s} value={s}>
            {t(`requests.medevac.nbc.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor="medevac-terrain">{t('requests.medevac.terrain')}</label>
      <input
        id="medevac-terrain"
        value={value.terrain}
        onChange={(e) => set({ terrain: e.target.value })}
        maxLength={200}
      />
    </fieldset>
  );
}
