import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { AuditView } from './audit-view.tsx';
import { UserAdmin } from './user-admin.tsx';

const sections = ['users', 'audit'] as const;

/** The administrator's panel: the organisation's users and the audit log. */
export function AdminPanel({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<(typeof sections)[number]>('users');
  return (
    <div className="admin-panel">
      <nav className="segmented" aria-label={t('tabs.admin')}>
        {sections.map((s) => (
          <button
            key={s}
            type="button"
            className={section === s ? 'active' : ''}
            aria-pressed={section === s}
            onClick={() => setSection(s)}
            data-testid={`admin-${s}`}
          >
            {t(`admin.section.${s}`)}
          </button>
        ))}
      </nav>
      {section === 'users' ? <UserAdmin me={me} /> : <AuditView />}
    </div>
  );
}
