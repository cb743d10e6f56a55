import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Progress, Select, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api-client.ts';
import { keyLabel } from '../../../shared/labels.ts';
import { saveFile } from '../../../shared/save-file.ts';
import { errorText } from '../../data/api-errors.ts';
import { fileRefusalText, rowProblemText } from '../../data/problem-words.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { objectLabel, type ObjectInfo } from '../../metadata/object-info.ts';
import { useSession } from '../../session/tenant-session.tsx';
import { ProblemList } from '../../shell/page-states.tsx';
import { jobFinished } from '../../data/jobs.ts';
import { useJob } from '../../data/use-job.ts';
import { csvTemplate, jobPercent, matchableFields, type ImportJob } from './csv-transfer.ts';

interface Props {
  object: ObjectInfo;
  open: boolean;
  onClose: () => void;
  /** An import ended having added or updated records (the dialog open or not): the list reloads. */
  onImported: () => void;
  /** An import job whose results to show (the list opened from the notification of its end). */
  review?: string | undefined;
}

const shownErrors = 50;

/**
 * Upload a CSV, follow its job to the end, and say what was added, updated and refused (by row).
 * Closed while the job runs, it goes on following it: when the job ends the list reloads and a
 * notification says what came of it, with a button that opens the results (the rows refused) again.
 */
export function ImportDialog({ object, open, onClose, onImported, review }: Props) {
  const { api, tenant } = useSession();
  const { t, locale } = useI18n();
  const { notification } = App.useApp();
  // Opened again from the notification of a job that ended while closed: its results, not a new import.
  const [reviewing, setReviewing] = useState(false);
  const shown = open || reviewing;
  const [file, setFile] = useState<File | undefined>(undefined);
  const [upsertKey, setUpsertKey] = useState<string>('');
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const followed = useJob<ImportJob>(jobId);
  const job = followed.job;
  const [refusal, setError] = useState<unknown>(undefined);
  // Why the file was refused or the job cannot be followed; a job that merely cannot be read for
  // now is still followed (`useJob` keeps asking) and says so apart.
  const error = refusal ?? (followed.gaveUp ? followed.error : undefined);
  const unreadable = error === undefined ? followed.error : undefined;
  const [sending, setSending] = useState(false);
  const objects = objectLabel(object, locale, true);
  const matchable = matchableFields(object);
  const running = !!jobId && !jobFinished(job) && !followed.gaveUp;

  const start = async () => {
    if (!file) return;
    setSending(true);
    setError(undefined);
    try {
      const path = `/records/${encodeURIComponent(object.key)}/import${upsertKey ? `?upsertKey=${encodeURIComponent(upsertKey)}` : ''}`;
      const answer = await api.upload<{ job: string }>(path, file, 'text/csv');
      setJobId(answer.job);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  const reset = () => {
    // The ended job's notification would open this dialog on the next import, not on its results.
    if (jobId) notification.destroy(`import-${jobId}`);
    setFile(undefined);
    setJobId(undefined);
    setError(undefined);
  };
  const close = () => {
    // A job still running is followed on (the list reloads when it ends); else the next import starts afresh.
    if (!running) reset();
    setReviewing(false);
    onClose();
  };
  // Opened from the toolbar after a job ended while closed (its notification not followed): a new import.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open && jobId && (jobFinished(job) || followed.gaveUp)) reset();
  }

  // Once per job, when it ends: the list reloads; ended while the dialog was closed, a notification says how.
  const ended = useRef<string | undefined>(undefined);
  // A job that ended elsewhere, opened for its results: no reload, no notification of its end.
  const [reviewed, setReviewed] = useState<string | undefined>(undefined);
  if (review && review !== reviewed) {
    setReviewed(review);
    ended.current = review;
    setJobId(review);
    setReviewing(true);
  }
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    if (!jobId || !job || !jobFinished(job) || ended.current === jobId) return;
    ended.current = jobId;
    if (job.created + job.updated > 0) onImported();
    if (shownRef.current) return;
    const rows = job.errors.filter((e) => e.row > 0).length;
    const counts = `${t('importDone', { created: job.created, updated: job.updated })}${job.unchanged > 0 ? t('importUnchanged', { unchanged: job.unchanged }) : ''}`;
    notification[job.state === 'failed' || rows > 0 ? 'warning' : 'success']({
      key: `import-${jobId}`,
      title: job.state === 'failed' ? t('importFailed') : t('importEnded', { objects }),
      description: rows > 0 ? `${counts}${locale === 'zh' ? '；' : '; '}${t('importRowErrors', { count: rows })}` : counts,
      duration: 0,
      actions: <Button size="small" type="primary" onClick={() => { notification.destroy(`import-${jobId}`); setReviewing(true); }}>{t('importSeeResults')}</Button>,
    });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, job]);
  // Its 查看结果 opens this dialog: gone with the list it belongs to.
  useEffect(() => () => { if (ended.current) notification.destroy(`import-${ended.current}`); }, [notification]);

  const downloadTemplate = () => saveFile(new Blob([csvTemplate(object, locale)], { type: 'text/csv;charset=utf-8' }), `${tenant}-${object.key}-template.csv`);

  const footer = jobId
    ? [<Button key="close" type={running ? 'default' : 'primary'} onClick={close}>{t('close')}</Button>]
    : [
      <Button key="cancel" onClick={close}>{t('cancel')}</Button>,
      <Button key="start" type="primary" disabled={!file} loading={sending} onClick={() => void start()}>{t('importStart')}</Button>,
    ];

  return (
    <Modal open={shown} title={t('importTitle', { objects })} onCancel={close} footer={footer} destroyOnHidden width={560}>
      {!jobId && (
        <Form layout="vertical" component="div">
          <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
          <Typography.Paragraph><Button type="link" style={{ padding: 0 }} onClick={downloadTemplate}>{t('importTemplate')}</Button></Typography.Paragraph>
          {matchable.length > 0 && (
            <Form.Item label={t('importMatchBy')} htmlFor="import-match">
              <Select id="import-match" value={upsertKey} onChange={setUpsertKey}
                options={[{ value: '', label: t('importMatchById') }, ...matchable.map((f) => ({ value: f.key, label: keyLabel(f.label, locale, f.key) }))]} />
            </Form.Item>
          )}
          <Upload.Dragger accept=".csv,text/csv" maxCount={1} beforeUpload={(picked) => { setFile(picked); return false; }}
            onRemove={() => setFile(undefined)} fileList={file ? [{ uid: 'csv', name: file.name, status: 'done' }] : []}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('importPick')}</p>
          </Upload.Dragger>
        </Form>
      )}
      {error !== undefined && <ImportRefusal error={error} object={object} />}
      {unreadable !== undefined && <Alert type="warning" showIcon role="alert" style={{ marginTop: 12 }} title={t('importUnreadable', { reason: errorText(unreadable, locale) })} />}
      {jobId && <JobProgress job={job} object={object} />}
      {running && <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('importGoesOn')}</Typography.Paragraph>}
    </Modal>
  );
}

/** Why the server refused the file or the job cannot be followed, in the reader's language. */
function ImportRefusal({ error, object }: { error: unknown; object: ObjectInfo }) {
  const { locale } = useI18n();
  const refused = error instanceof ApiError ? fileRefusalText(error, object, locale) : undefined;
  const description = refused
    ? (refused.problems.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{refused.problems.map((p, i) => <li key={i}>{p}</li>)}</ul> : undefined)
    : error instanceof ApiError ? <ProblemList problems={error.errors} /> : undefined;
  return <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={refused?.title ?? errorText(error, locale)} description={description} />;
}

function JobProgress({ job, object }: { job: ImportJob | undefined; object: ObjectInfo }) {
  const { t, locale } = useI18n();
  if (!job) return <Progress percent={0} status="active" />;
  const finished = jobFinished(job);
  const rows = job.errors.filter((e) => e.row > 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} aria-live="polite">
      <Progress percent={jobPercent(job)} status={job.state === 'failed' ? 'exception' : finished ? 'success' : 'active'} />
      {!finished && <Typography.Text>{t('importRunning', { processed: job.processed, total: job.total ?? '?' })}</Typography.Text>}
      {finished && <Typography.Text strong>{t('importDone', { created: job.created, updated: job.updated })}{job.unchanged > 0 ? t('importUnchanged', { unchanged: job.unchanged }) : ''}</Typography.Text>}
      {job.state === 'failed' && rows.length === 0 && <Alert type="error" showIcon title={t('importFailed')} description={job.errors[0] && rowProblemText(job.errors[0].message, object, locale)} />}
      {rows.length > 0 && (
        <Alert type="warning" showIcon title={t('importRowErrors', { count: rows.length })} description={(
          <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }}>
            {rows.slice(0, shownErrors).map((e, i) => <li key={i}>{t('importRow', { row: e.row })}{locale === 'zh' ? '：' : ': '}{rowProblemText(e.message, object, locale)}</li>)}
            {rows.length > shownErrors && <li>{t('importMoreErrors', { count: rows.length - shownErrors })}</li>}
          </ul>
        )} />
      )}
    </Space>
  );
}
