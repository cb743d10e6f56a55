import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router.ts';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; returning?: boolean };

/**
 * A real link (keyboard, middle-click, copy address) that navigates in-app on a plain click;
 * `returning`: back to a page seen before, which opens as it was left (`cameBack`).
 */
export function Link({ to, returning, onClick, children, ...rest }: Props) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { returning });
  };
  return <a href={to} onClick={click} {...rest}>{children}</a>;
}
