import { Form, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useProblems } from '../state/studio-context.tsx';
import { useProblemMessage } from './use-problem-message.ts';

export interface ItemProps {
  /** The JSON pointer of what this control edits; the server's problems there show here. */
  pointer: string;
  label?: ReactNode;
  /** A one-line explanation under the control. */
  help?: ReactNode;
  required?: boolean;
  children: ReactNode;
  /** Also show problems anywhere below the pointer (containers such as filters). */
  under?: boolean;
  style?: React.CSSProperties;
}

/**
 * A form item bound to a place in the document: the server's validation problems at its
 * pointer appear on it, and `data-pointer` lets a problem link scroll here and focus it.
 */
export function Item({ pointer, label, help, required, children, under, style }: ItemProps) {
  const problems = useProblems(pointer, under);
  const words = useProblemMessage();
  const messages = problems.map((p) => words(p.message, p.path));
  return (
    <div data-pointer={pointer} style={{ paddingBottom: 4, ...style }}>
      <Form.Item
        label={label}
        required={required}
        validateStatus={messages.length > 0 ? 'error' : undefined}
        help={messages.length > 0 ? messages.join('; ') : help ? <Typography.Text type="secondary">{help}</Typography.Text> : undefined}
      >
        {children}
      </Form.Item>
    </div>
  );
}

/** Problems at a pointer as inline text (for table cells and cards). */
export function ProblemText({ pointer, under }: { pointer: string; under?: boolean }) {
  const problems = useProblems(pointer, under);
  const words = useProblemMessage();
  if (problems.length === 0) return null;
  return (
    <div data-pointer={pointer} role="alert">
      {problems.map((p, i) => <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>{words(p.message, p.path)}</Typography.Text>)}
    </div>
  );
}
