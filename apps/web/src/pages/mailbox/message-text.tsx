import { Fragment } from 'react';

const LINK = /(https?:\/\/[^\s<>"')\]]+)/g;

/** A plain-text e-mail body with its web links made clickable (and nothing else interpreted). */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(LINK);
  return (
    <pre className="message-text">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}
