import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { ErasureMode, Trim } from '@followthrough/server-core';

registerEnumType(ErasureMode, {
  name: 'ErasureMode',
  description: 'DELETE removes everything; ANONYMISE keeps the bare history for agency figures under an id of nobody.',
});

@InputType()
export class EraseClientInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) clientUserId!: string;
  @Field(() => ErasureMode) @IsEnum(ErasureMode) mode!: ErasureMode;
}

@ObjectType('ClientErasure')
export class ClientErasureView {
  @Field(() => ErasureMode) mode!: ErasureMode;
  @Field() erasedAt!: Date;
}

@InputType()
export class DeleteAgencyInput {
  @Field({ description: "The agency's name, typed as it is shown: the confirmation that this is meant." })
  @Trim()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(120)
  agencyName!: string;
}
