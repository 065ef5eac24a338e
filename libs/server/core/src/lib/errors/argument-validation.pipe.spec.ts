import 'reflect-metadata';
import { IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgumentValidationPipe } from './argument-validation.pipe';

class Period {
  @MaxLength(3) label!: string;
}

class Filter {
  @IsOptional() @IsUUID() clientUserId?: string;
  @IsOptional() @ValidateNested() @Type(() => Period) period?: Period;
}

describe('ArgumentValidationPipe', () => {
  const pipe = new ArgumentValidationPipe();

  it('names the argument the failing field came from', async () => {
    await expect(
      pipe.transform({ clientUserId: 'nope' }, { type: 'body', metatype: Filter, data: 'filter' }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.clientUserId' },
      message: expect.stringMatching(/^filter\.clientUserId: .*UUID/),
    });
  });

  it('follows nested inputs', async () => {
    await expect(
      pipe.transform({ period: { label: 'long' } }, { type: 'body', metatype: Filter, data: 'where' }),
    ).rejects.toMatchObject({
      extensions: { field: 'where.period.label' },
    });
  });

  it('keeps "input" for an argument called input', async () => {
    await expect(
      pipe.transform({ clientUserId: 'nope' }, { type: 'body', metatype: Filter, data: 'input' }),
    ).rejects.toMatchObject({
      extensions: { field: 'input.clientUserId' },
    });
  });
});
