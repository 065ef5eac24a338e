/** The tab's title for this page; React hoists <title> into the document's head. */
export function PageTitle({ title }: { title: string }) {
  return <title>{`${title} · Followthrough`}</title>;
}
