export interface LinkPageForm {
  action: string;
  buttons: { label: string; name?: string; value?: string }[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A minimal, self-contained HTML page (no scripts, no external resources) for the e-mail links. */
export function linkPage(title: string, message: string, form?: LinkPageForm): string {
  const buttons = form
    ? `<form method="post" action="${escapeHtml(form.action)}">${form.buttons
        .map(
          (button) =>
            `<p><button type="submit"${button.name ? ` name="${escapeHtml(button.name)}" value="${escapeHtml(button.value ?? '')}"` : ''}>${escapeHtml(button.label)}</button></p>`,
        )
        .join('')}</form>`
    : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Followthrough</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.5rem 1rem}</style>` +
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${buttons}</body></html>`
  );
}
