import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@followthrough/server-core';
import { AddContactInput } from '../dto/pipeline.inputs';
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
}
