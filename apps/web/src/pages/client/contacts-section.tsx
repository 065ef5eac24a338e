import { CONTACT_ROLE_LABELS } from '../../format/domain-labels';
import { ContactFieldsFragment as Contact } from '../../api/generated/graphql';
import { AddContactForm } from './add-contact-form';
import { ContactEdit } from './contact-edit';

interface ContactsSectionProps {
  companyId: string;
  contacts: Contact[];
  onChanged(): void;
}

/** The people the client knows at the company, and a way to add the one they just found. */
export function ContactsSection({ companyId, contacts, onChanged }: ContactsSectionProps) {
  return (
    <section className="card" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">People at the company</h2>
      {contacts.length === 0 ? (
        <p className="muted">
          Nobody yet. The hiring manager is the one to call; the Sales line or reception can tell you who it is.
        </p>
      ) : (
        <ul className="plain-list" aria-label="Contacts">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <strong>{contact.name}</strong> · {CONTACT_ROLE_LABELS[contact.role]}
              {contact.phone && (
                <>
                  {' '}
                  · <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                </>
              )}
              {contact.email && <> · {contact.email}</>}
              <ContactEdit contact={contact} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
      <AddContactForm companyId={companyId} onAdded={onChanged} />
    </section>
  );
}
