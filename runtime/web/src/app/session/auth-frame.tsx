import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { rememberSignInLocale } from '../i18n/i18n.tsx';
import { LocaleSwitch } from '../shell/locale-switch.tsx';

/** The centred box of the picker and the login (plain markup: these pages are on the first load). */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="shoal-center-page">
      <div className="shoal-auth-box">
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
          <LocaleSwitch onChosen={rememberSignInLocale} />
        </div>
        {children}
      </div>
    </main>
  );
}

/** A labelled form row with an optional message under the input. */
export function FieldRow({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 6 }}>{label}</label>
      {children}
      {error && <Typography.Text type="danger" id={`${id}-error`} style={{ fontSize: 12 }}>{error}</Typography.Text>}
    </div>
  );
}
