import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Page, SharingGroup } from '../api/types.ts';
import { useNames } from '../reference/names.tsx';
import { FieldError, type ReportProblems } from './report-field-error.tsx';

interface Props {
  org: string;
  releasability: string;
  onReleasability: (v: string) => void;
  tearline: string;
  onTearline: (v: string) => void;
  tearlineSummary: string;
  onTearlineSummary: (v: string) => void;
  problems: ReportProblems;
}

/** Who may see the report (the organisation's default, or a choice), and a tearline released more widely. */
export function ReportSharing({
  org,
  releasability,
  onReleasability,
  tearline,
  onTearline,
  tearlineSummary,
  onTearlineSummary,
  problems,
}: Props) {
  const { t } = useTranslation();
  const names = useNames();
  const [groups, setGroups] = useState<SharingGroup[]>([]);

  useEffect(() => {
    api<Page<SharingGroup>>('/api/v1/sharing-groups')
      .then((p) => setGroups(p.items.filter((g) => g.members.includes(org))))
      .catch(() => setGroups([]));
  }, [org]);

  return (
    <>
      <label htmlFor="report-releasability">{t('report.releasability')}</label>
      <select
        id="report-releasability"
        value={releasability}
        onChange={(e) => onReleasability(e.target.value)}
        data-testid="report-releasability"
      >
        <option value="">{t('report.defaultReleasability')}</option>
        <option value="org">{t('releasability.org', { org: names.org(org) })}</option>
        <option value="partners">{t('releasability.partners')}</option>
        <option value="coalition">{t('releasability.coalition')}</option>
        {groups.map((g) => (
          <option key={g.name} value={`group:${g.name}`}>
            {t('releasability.group', { name: g.name })}
          </option>
        ))}
      </select>
      <FieldError problems={problems} name="releasability" />

      <label htmlFor="report-tearline">{t('report.tearline')}</label>
      <select id="report-tearline" value={tearline} onChange={(e) => onTearline(e.target.value)}>
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
            onChange={(e) => onTearlineSummary(e.target.value)}
            maxLength={500}
          />
        </>
      )}
    </>
  );
}
