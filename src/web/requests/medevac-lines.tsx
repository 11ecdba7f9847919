import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { SupportRequest } from './request-types.ts';

type Medevac = NonNullable<SupportRequest['medevac']>;

/** The MEDEVAC 9-line as the detail shows it; line 1 is the request's own location. */
export function MedevacLines({ m, location }: { m: Medevac; location: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = (o: Record<string, number>, group: string) =>
    Object.entries(o)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${t(`requests.medevac.${group}.${k}`)}: ${fmt.number(n)}`)
      .join(t('requests.listSeparator')) || t('common.none');
  const lines: Array<[string, string]> = [
    ['line1', location],
    ['line2', `${m.frequency} · ${m.call_sign}`],
    ['line3', counts(m.patients_by_precedence, 'precedence')],
    ['line4', m.equipment.map((e) => t(`requests.medevac.equipment.${e}`)).join(t('requests.listSeparator'))],
    [
      'line5',
      `${t('requests.medevac.litter')}: ${fmt.number(m.litter)}${t('requests.listSeparator')}${t('requests.medevac.ambulatory')}: ${fmt.number(m.ambulatory)}`,
    ],
    ['line6', t(`requests.medevac.security.${m.security}`)],
    ['line7', t(`requests.medevac.marking.${m.marking}`)],
    ['line8', counts(m.patients_by_status, 'status')],
    ['line9', m.terrain ? `${t(`requests.medevac.nbc.${m.nbc}`)} · ${m.terrain}` : t(`requests.medevac.nbc.${m.nbc}`)],
  ];
  return (
    <section className="medevac-lines" data-testid="medevac-lines">
      <h3>{t('requests.medevac.title')}</h3>
      <dl>
        {lines.map(([k, v]) => (
          <div key={k}>
            <dt>{t(`requests.medevac.${k}`)}</dt>
            <dd>
              <bdi>{v}</bdi>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
