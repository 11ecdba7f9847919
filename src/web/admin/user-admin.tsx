import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roles } from '../../domain/roles.ts';
import { api } from '../api/client.ts';
import type { Me, Page } from '../api/types.ts';
import { useNames } from '../reference/names.tsx';
import { apiErrorText } from './api-error-text.ts';

export interface SiteUser {
  id: string;
  username: string;
  org: string;
  roles: Role[];
  disabled: boolean;
  created_at: string;
}

function RoleChecks({ value, onChange, name }: { value: Role[]; onChange: (r: Role[]) => void; name: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="role-checks">
      <legend>{t('admin.roles')}</legend>
      {roles.map((r) => (
        <label key={r} className="check">
          <input
            type="checkbox"
            name={name}
            value={r}
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          {t(`roles.${r}`)}
        </label>
      ))}
    </fieldset>
  );
}

function NewUserForm({ me, onMade }: { me: Me; onMade: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [newRoles, setNewRoles] = useState<Role[]>(['viewer']);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api('/api/v1/users', { method: 'POST', body: { username: username.trim(), roles: newRoles, password } });
      setMessage({ ok: true, text: t('admin.userCreated', { username: username.trim() }) });
      setUsername('');
      setPassword('');
      onMade();
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
    }
  }
  return (
    <form className="admin-form" onSubmit={submit} data-testid="new-user-form">
      <h3>{t('admin.newUser', { org: names.org(me.org) })}</h3>
      <label>
        {t('login.username')}
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          maxLength={64}
          autoComplete="off"
          dir="ltr"
          data-testid="new-username"
        />
      </label>
      <label>
        {t('admin.initialPassword')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={256}
          autoComplete="new-password"
          data-testid="new-password"
        />
      </label>
      <RoleChecks value={newRoles} onChange={setNewRoles} name="new-roles" />
      <button type="submit" className="primary" data-testid="create-user">
        {t('admin.createUser')}
      </button>
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'success' : 'error'}
          data-testid="new-user-result"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

function UserRow({ user, me, onChanged }: { user: SiteUser; me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const [userRoles, setUserRoles] = useState<Role[]>(user.roles);
  useEffect(() => setUserRoles(user.roles), [user.roles]);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const self = user.id === me.id;
  async function run(what: () => Promise<unknown>, done: string) {
    try {
      await what();
      setMessage({ ok: true, text: done });
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
    }
  }
  const path = `/api/v1/users/${encodeURIComponent(user.username)}`;
  return (
    <li data-testid="user-row" data-username={user.username} className={user.disabled ? 'disabled-user' : ''}>
      <div className="user-head">
        <bdi className="item-title">{user.username}</bdi>
        {user.disabled && <span className="badge">{t('admin.disabled')}</span>}
      </div>
      <RoleChecks value={userRoles} onChange={setUserRoles} name={`roles-${user.username}`} />
      <div className="row-actions">
        <button
          type="button"
          onClick={() => run(() => api(path, { method: 'PATCH', body: { roles: userRoles } }), t('admin.rolesSaved'))}
          data-testid="save-roles"
        >
          {t('admin.saveRoles')}
        </button>
        {!self && (
          <button
            type="button"
            onClick={() =>
              run(
                () => api(path, { method: 'PATCH', body: { disabled: !user.disabled } }),
                user.disabled ? t('admin.enabled') : t('admin.disabledDone'),
              )
            }
            data-testid="toggle-disabled"
          >
            {user.disabled ? t('admin.enable') : t('admin.disable')}
          </button>
        )}
      </div>
      <form
        className="row-actions"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => api(`${path}/password`, { method: 'POST', body: { password } }), t('admin.passwordReset')).then(
            () => setPassword(''),
          );
        }}
      >
        <label className="visually-hidden" htmlFor={`reset-${user.username}`}>
          {t('admin.newPassword')}
        </label>
        <input
          id={`reset-${user.username}`}
          type="password"
          placeholder={t('admin.newPassword')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={256}
          autoComplete="new-password"
        />
        <button type="submit" disabled={!password}>
          {t('admin.resetPassword')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'success' : 'error'}>
          {message.text}
        </p>
      )}
    </li>
  );
}

/** The users of the administrator's organisation: create one, change roles, disable or enable, reset a password. */
export function UserAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<SiteUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<Page<SiteUser>>('/api/v1/users')
      .then((p) => {
        setUsers(p.items);
        setError(null);
      })
      .catch((e) => setError(apiErrorText(t, e)));
  }, [t]);
  useEffect(load, [load]);
  return (
    <div className="user-admin">
      <NewUserForm me={me} onMade={load} />
      <h3>{t('admin.users')}</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="items" data-testid="user-list">
        {users.map((u) => (
          <UserRow key={u.id} user={u} me={me} onChanged={load} />
        ))}
      </ul>
    </div>
  );
}
