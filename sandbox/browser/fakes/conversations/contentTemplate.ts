/**
 * A variable of a rich content template. Flex builds these (`new ContentTemplateVariable(name, value)`) for the
 * SendRichContentMessage action before `setContentTemplate(...)`, so the class must exist even though the sandbox
 * cannot send templates.
 */
import type { RealContentTemplateVariable } from './realTypes';

export class ContentTemplateVariable implements RealContentTemplateVariable {
  constructor(
    readonly name: string,
    readonly value: string,
  ) {}

  copyWithValue(value: string): ContentTemplateVariable {
    return new ContentTemplateVariable(this.name, value);
  }
}
