import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@followthrough/server-core';
import { AddContactInput, UpdateContactInput } from '../dto/pipeline.inputs';
import { ContactView } from '../dto/pipeline.types';
import { ContactService } from '../services/contact.service';

@Resolver(() => ContactView)
export class ContactResolver {
  constructor(private readonly contacts: ContactService) {}

  @Mutation(() => ContactView, {
    description: 'A person at a company the client applied to; the same e-mail there is one contact.',
  })
  addContact(@CurrentActor() actor: Actor, @Args('input') input: AddContactInput): Promise<ContactView> {
    return this.contacts.add(actor, input);
  }

  @Mutation(() => ContactView, { description: "Corrects a contact's name, role, phone or e-mail; audited." })
  updateContact(@CurrentActor() actor: Actor, @Args('input') input: UpdateContactInput): Promise<ContactView> {
    return this.contacts.update(actor, input);
  }

  @Mutation(() => Boolean, { description: 'Removes a contact from the lists (a soft delete); audited.' })
  deleteContact(
    @CurrentActor() actor: Actor,
    @Args('contactId', { type: () => ID }) contactId: string,
  ): Promise<boolean> {
    return this.contacts.delete(actor, contactId);
  }
}
